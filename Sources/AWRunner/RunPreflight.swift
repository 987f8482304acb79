import AWCore
import AWManifest
import Foundation

/// What `awd run` checks before the first run trains, so that no hour of training ends in a write
/// that could never succeed: the archive folder is (or can be made) a writable folder, its names
/// fit the filesystem, and its filesystem has room for the pending runs' archives (the plan's
/// upper estimate, RunConfiguration.archiveBytesEstimate). Each problem is bad input (exit 2).
public enum RunPreflight {
    /// - Throws: `AWError(.invalidInput)` naming the folder, what is wrong and what is needed.
    public static func check(plan: RunPlan, pending: [RunPlan.Run]) throws {
        let folder = (plan.root as NSString).appendingPathComponent(plan.manifestName)
        func refuse(_ what: String, _ allowed: String) -> AWError {
            AWError(.invalidInput, "--out \(plan.root): \(what); allowed: \(allowed)")
        }
        // Names: every component within NAME_MAX, the longest file (a temporary archive) within PATH_MAX.
        let nameMax = 255  // NAME_MAX of Linux filesystems (checked before any path is looked up)
        for component in (folder as NSString).pathComponents where component.utf8.count > nameMax {
            throw refuse("the name \(component.prefix(40))... is \(component.utf8.count) bytes",
                         "names of at most \(nameMax) bytes on this filesystem")
        }
        // The nearest existing folder on the way to runs/<name>/ decides writability and room.
        var existing = folder
        while true {
            let kind = FileKind.of(existing)
            if kind == .directory { break }
            if kind != .missing {
                throw refuse("\(existing) is \(kind)", "a folder (or a path that can be made one)")
            }
            let parent = PathText.parent(existing)
            if parent == existing { break }
            existing = parent
        }
        guard access(existing, W_OK | X_OK) == 0 else {
            throw refuse("\(existing) is not writable (\(String(cString: strerror(errno))))", "a folder this user can write")
        }
        let longest = (folder as NSString).appendingPathComponent("0123456789abcdef.h5.tmp-4194304")
        let pathMax = max(256, pathconf(existing, Int32(_PC_PATH_MAX)))
        guard longest.utf8.count < pathMax else {
            throw refuse("archive paths would be \(longest.utf8.count) bytes", "paths shorter than \(pathMax) bytes")
        }
        // Room for the pending archives.
        guard !pending.isEmpty else { return }
        var fs = statvfs()
        guard statvfs(existing, &fs) == 0 else { return }  // no figure to check against
        let free = Double(fs.f_bavail) * Double(fs.f_frsize)
        let need = pending.reduce(0.0) { $0 + $1.configuration.archiveBytesEstimate }
        guard need <= free else {
            throw refuse("\(NumberText.bytes(free)) free on its filesystem; the \(pending.count) pending runs' archives need "
                         + "an estimated \(NumberText.bytes(need))", "a folder with room for the sweep's archives")
        }
    }
}
