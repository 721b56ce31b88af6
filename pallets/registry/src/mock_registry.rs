//! [`MockRegistry`]: the registry of trust reduced to two sets in the test state, for the mock
//! runtimes of the pallets that read the registry through [`TrustRegistry`] (courses,
//! lifecycle). Compiled for this crate's tests and with the `mock` feature, which those pallets
//! enable as a dev-dependency only.

use crate::TrustRegistry;
use alloc::vec::Vec;
use codec::Encode;
use frame_support::storage::unhashed;

/// The registry of trust of a mock runtime with `u64` accounts and block numbers: the
/// accredited institutions and the (instructor, institution) pairs, kept in the test state (so
/// each test starts empty). An institution accredited now counts as accredited at any block.
pub struct MockRegistry;

impl MockRegistry {
	fn accredited_key(institution: &u64) -> Vec<u8> {
		(b"mock/accredited", institution).encode()
	}

	fn instructor_key(instructor: &u64, institution: &u64) -> Vec<u8> {
		(b"mock/instructor", instructor, institution).encode()
	}

	/// Accredits `institution`.
	pub fn accredit(institution: u64) {
		unhashed::put(&Self::accredited_key(&institution), &true);
	}

	/// Suspends `institution`: it is no longer accredited; its instructors stay.
	pub fn suspend(institution: u64) {
		unhashed::kill(&Self::accredited_key(&institution));
	}

	/// Registers `instructor` with `institution`.
	pub fn add_instructor(institution: u64, instructor: u64) {
		unhashed::put(&Self::instructor_key(&instructor, &institution), &true);
	}

	/// Removes `instructor` from `institution`.
	pub fn remove_instructor(institution: u64, instructor: u64) {
		unhashed::kill(&Self::instructor_key(&instructor, &institution));
	}
}

impl TrustRegistry<u64, u64> for MockRegistry {
	fn is_accredited(institution: &u64) -> bool {
		unhashed::exists(&Self::accredited_key(institution))
	}

	fn was_accredited_at(institution: &u64, _at: u64) -> bool {
		Self::is_accredited(institution)
	}

	fn is_instructor_of(instructor: &u64, institution: &u64) -> bool {
		unhashed::exists(&Self::instructor_key(instructor, institution))
	}
}
