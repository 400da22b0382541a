//! The native side of the comparison harness with mimalloc as the global allocator, as the
//! CLI (`crates/gxbg-cli`) and the Python extension ship: the same code as
//! `benches/native.rs` (same arguments, same output).

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "native.rs"]
mod native;

fn main() {
    native::main()
}
