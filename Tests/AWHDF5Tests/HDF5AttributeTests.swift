import AWHDF5
import AWTestSupport
import Foundation
import Testing

@Suite("HDF5 attributes")
struct HDF5AttributeTests {
    static let values: [String: H5AttributeValue] = [
        "alpha": .double(0.125),
        "tiny": .double(-Double.leastNonzeroMagnitude),
        "count": .int64(-9_007_199_254_740_993),
        "label": .string("σ_g · λ — Größe ∑ 重み ✓"),
        "empty": .string(""),
        "grid": .doubleArray([0.005, 0.01, 0.02, .infinity]),
        "seeds": .int64Array([0, 1, Int64.max, Int64.min]),
        "none": .doubleArray([]),
    ]

    /// Every attribute kind on a file, a group and a dataset, read back after reopening.
    @Test func roundTripOnFileGroupAndDataset() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("attrs.h5").path
            do {
                let file = try H5File.create(path)
                let group = try file.createGroup("runs/r0")
                let dataset = try group.createDataset("w", values: [1.0, 2.0], shape: [2])
                for object in [file, group, dataset] as [H5Object] {
                    for (name, value) in Self.values { try object.setAttribute(name, value) }
                }
                // Convenience overloads.
                try group.setAttribute("epochs", 12)
                try group.setAttribute("lr", 0.1)
                try group.setAttribute("name", "run zero")
                try group.setAttribute("widths", [Int64(20), 30])
                try group.setAttribute("betas", [0.0, 5e-3])
            }
            let file = try H5File.open(path)
            let group = try file.group("runs/r0")
            let dataset = try file.dataset("/runs/r0/w")
            for object in [file, group, dataset] as [H5Object] {
                for (name, value) in Self.values {
                    #expect(try object.attribute(name) == value, "\(object.path) @\(name)")
                }
            }
            #expect(try file.attributeNames() == Self.values.keys.sorted())
            #expect(try dataset.attributeNames() == Self.values.keys.sorted())
            #expect(try group.int64Attribute("epochs") == 12)
            #expect(try group.doubleAttribute("lr") == 0.1)
            #expect(try group.stringAttribute("name") == "run zero")
            #expect(try group.stringAttribute("label") == "σ_g · λ — Größe ∑ 重み ✓")
            #expect(try group.int64ArrayAttribute("widths") == [20, 30])
            #expect(try group.doubleArrayAttribute("betas") == [0.0, 5e-3])
            #expect(try group.hasAttribute("lr"))
            #expect(try !group.hasAttribute("missing"))
        }
    }

    /// Replacing an attribute (even with another type) keeps one attribute with the new value.
    @Test func replaceAttribute() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("replace.h5").path
            do {
                let file = try H5File.create(path)
                try file.setAttribute("x", 1.0)
                try file.setAttribute("x", "now a string")
                try file.setAttribute("x", "now a longer string than before")
            }
            let file = try H5File.open(path)
            #expect(try file.attributeNames() == ["x"])
            #expect(try file.stringAttribute("x") == "now a longer string than before")
        }
    }

    /// Missing attributes, wrong kinds, NUL in strings and writing to a read-only file throw.
    @Test func attributeErrors() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("errors.h5").path
            do {
                let file = try H5File.create(path)
                try file.setAttribute("n", Int64(3))
                let nul = #expect(throws: HDF5Error.self) { try file.setAttribute("bad", "a\u{0}b") }
                #expect(nul?.reason.contains("NUL") == true)
            }
            let file = try H5File.open(path)
            let missing = #expect(throws: HDF5Error.self) { try file.attribute("absent") }
            #expect(missing?.description.contains("absent") == true)
            #expect(missing?.description.contains(path) == true)
            let wrongKind = #expect(throws: HDF5Error.self) { try file.doubleAttribute("n") }
            #expect(wrongKind?.reason.contains("scalar int64") == true)
            #expect(throws: HDF5Error.self) { try file.setAttribute("new", 1.0) }
        }
    }

    /// Fixed-length UTF-8 string attributes are readable by h5dump, which reports the type.
    @Test func stringAttributeLayoutSeenByH5dump() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("strings.h5").path
            try H5File.create(path).setAttribute("title", "Größe")
            guard let result = try TestSupport.run("/usr/bin/h5dump", ["-A", path]) else {
                print("note: /usr/bin/h5dump not installed; h5dump check skipped")
                return
            }
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("H5T_STR_NULLTERM"))
            #expect(result.stdout.contains("H5T_CSET_UTF8"))
            // "Größe" is 7 UTF-8 bytes, plus the terminating NUL.
            #expect(result.stdout.contains("STRSIZE 8;"))
        }
    }
}
