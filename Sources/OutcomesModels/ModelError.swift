/// A model that could not be set up or fitted: bad input, with the column and value where known.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, naming the column, row and value where known.
    public let description: String

    public init(_ description: String) { self.description = description }
}
