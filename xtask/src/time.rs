//! Placeholder: filled in by the area's work.
use anyhow::{bail, Result};
pub fn eval(_args: &[String]) -> Result<()> {
    bail!("not built yet")
}
pub fn bench(_args: &[String]) -> Result<()> {
    bail!("not built yet")
}
