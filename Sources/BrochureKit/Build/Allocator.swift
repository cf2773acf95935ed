import CFileSystem

/// The C allocator's settings for one run of the tool (docs/DECISIONS.md #23).
public enum Allocator {
    /// A run builds a large model, uses it and ends: the heap grows in large steps and keeps
    /// what is freed, so memory is not handed back to the system only to be faulted in again.
    /// Call first thing, before any thread starts.
    public static func configureForOneRun() {
        brochure_configure_allocator()
    }
}
