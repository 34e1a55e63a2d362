//! placeholder

/// placeholder
pub fn run(_out: &mut dyn std::io::Write) -> Result<(), crate::Error> {
    Ok(())
}
