//! (writer to be written)
