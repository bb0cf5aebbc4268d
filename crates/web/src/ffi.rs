//! The WebAssembly exports: [`compute_json`](crate::compute_json) over linear memory, with
//! the C ABI (see the crate's docs for the protocol). The only module with unsafe code: it
//! turns the page's pointers back into the boxes they came from.
#![allow(unsafe_code)]

/// Memory for `len` bytes the page will write (a request), owned by the page until it hands
/// it to [`gg_compute`] or [`gg_free`].
#[unsafe(no_mangle)]
pub extern "C" fn gg_alloc(len: usize) -> *mut u8 {
    Box::into_raw(vec![0u8; len].into_boxed_slice()).cast::<u8>()
}

/// Gives back `len` bytes at `ptr` that [`gg_alloc`] or [`gg_compute`] returned.
///
/// # Safety
/// `ptr` and `len` must be a pair one of them returned, not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gg_free(ptr: *mut u8, len: usize) {
    // SAFETY: the caller gives back a box this module made, of that length
    drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) });
}

/// Computes the response to the request in the `len` bytes at `ptr` (which it frees) and
/// returns it as `ptr << 32 | len`, for the page to read and then [`gg_free`].
///
/// # Safety
/// `ptr` and `len` must come from [`gg_alloc`], the bytes written by the page.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gg_compute(ptr: *mut u8, len: usize) -> u64 {
    // SAFETY: as this function's
    unsafe { answer(ptr, len, crate::compute_json) }
}

/// [`gg_compute`] for the net mode: answers with [`net_json`](crate::net_json), the same
/// protocol.
///
/// # Safety
/// As [`gg_compute`]'s.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gg_net(ptr: *mut u8, len: usize) -> u64 {
    // SAFETY: as this function's
    unsafe { answer(ptr, len, crate::net_json) }
}

/// `f`'s answer to the request in the `len` bytes at `ptr` (freed), packed as `ptr << 32 | len`.
///
/// # Safety
/// `ptr` and `len` must come from [`gg_alloc`], the bytes written by the page.
unsafe fn answer(ptr: *mut u8, len: usize, f: fn(&str) -> String) -> u64 {
    // SAFETY: the caller hands over a box from gg_alloc, of that length
    let request = unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) };
    let response = f(&String::from_utf8_lossy(&request));
    drop(request);
    let bytes = response.into_bytes().into_boxed_slice();
    let len = bytes.len() as u64;
    let ptr = Box::into_raw(bytes).cast::<u8>() as usize as u64;
    (ptr << 32) | len
}

/// W1 on the page's engine ([`w1`](crate::w1)): `steps` SGD steps, the last step's loss;
/// for timing the engine in WebAssembly (`tests/browser/w1.mjs`).
#[unsafe(no_mangle)]
pub extern "C" fn gg_w1(steps: u32) -> f64 {
    crate::w1(steps as usize).1
}
