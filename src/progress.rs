//! How far a long run is: the [`Progress`] trait the pipeline and the
//! commands report to.

/// Where a long run says how far it is. `main` draws a progress bar on a
/// terminal; the library itself never prints, and `()` reports nothing.
pub trait Progress: Sync {
    /// A run begins (with `report --watch`, one per change).
    fn begin(&self) {}
    /// A new stage begins, with this many steps (0 when not counted).
    fn start(&self, _stage: &'static str, _steps: u64) {}
    /// `steps` more steps of the current stage are done.
    fn advance(&self, _steps: u64) {}
}

impl Progress for () {}
