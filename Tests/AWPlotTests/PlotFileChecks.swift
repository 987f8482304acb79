import AWTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks that a produced file is a well-formed PNG, PDF or SVG.
enum PlotFileChecks {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// PNG: signature, IHDR chunk first, IEND chunk last. Returns (width, height) from IHDR.
    static func pngSize(_ path: String) -> (width: Int, height: Int)? {
        let bytes = TestSupport.fileBytes(path)
        guard bytes.count > 57, Array(bytes.prefix(8)) == pngSignature,
              Array(bytes[12..<16]) == Array("IHDR".utf8),
              Array(bytes[(bytes.count - 8)..<(bytes.count - 4)]) == Array("IEND".utf8) else { return nil }
        func be32(_ offset: Int) -> Int { bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    /// PDF: "%PDF-" header and "%%EOF" in the last bytes.
    static func isPDF(_ path: String) -> Bool {
        let bytes = TestSupport.fileBytes(path)
        guard bytes.count > 100, Array(bytes.prefix(5)) == Array("%PDF-".utf8) else { return false }
        let tail = String(decoding: bytes.suffix(32), as: UTF8.self)
        return tail.contains("%%EOF")
    }

    /// SVG: parses as XML with an <svg> root element; returns the text of every <text> element.
    static func svgTexts(_ path: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let collector = SVGCollector()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        guard parser.parse(), collector.root == "svg" else { return nil }
        return collector.texts
    }

    final class SVGCollector: NSObject, XMLParserDelegate {
        var root: String?
        var texts: [String] = []
        private var current: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if root == nil { root = name }
            if name == "text" { current = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if current != nil { current! += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text", let text = current {
                texts.append(text)
                current = nil
            }
        }
    }
}
