import AWManifest
import ArgumentParser

/// Lists every manifest setting from the settings table (the one definition of each).
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "List every manifest setting: key path, type, default, allowed values, meaning.",
        discussion: "The same table as docs/MANIFESTS.md (`--markdown` prints that table exactly).")

    @Flag(name: .long, help: "Print the Markdown table of docs/MANIFESTS.md, with its markers.")
    var markdown = false

    func run() throws {
        if markdown {
            print(ManifestSetting.markdownSection())
            return
        }
        for s in ManifestSetting.all {
            print("\(s.keyPath)  (\(s.type.docName), default \(s.defaultValue))")
            print("    \(s.summary); allowed: \(s.allowedText.replacingOccurrences(of: "`", with: ""))")
        }
    }
}
