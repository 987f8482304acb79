/// The kind of object a link in a group points to.
public enum H5ObjectKind: String, Sendable, Equatable {
    case group, dataset, other
}
