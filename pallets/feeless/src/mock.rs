//! A small runtime for the feeless pallet's tests: System, Balances, TransactionPayment, the
//! feeless pallet and `Lessons`, a pallet with free calls (one that fails on demand, one that
//! succeeds once per account) and one paid call.

use crate as pallet_feeless;
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64},
	weights::{ConstantMultiplier, IdentityFee},
};
use pallet_transaction_payment::FungibleAdapter;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

/// A pallet with free calls (`attend`, `attend_once`) and a paid call (`note`).
#[frame_support::pallet(dev_mode)]
pub mod lessons {
	use core::cell::Cell;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	std::thread_local! {
		/// How often `attend` was dispatched, dry runs included: outside storage, so that a
		/// rolled-back dry run still counts.
		static DISPATCHES: Cell<u32> = const { Cell::new(0) };
	}

	/// How often `attend` was dispatched on this thread, dry runs included.
	pub fn dispatches() -> u32 {
		DISPATCHES.with(Cell::get)
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	/// How often each account attended.
	#[pallet::storage]
	pub type Attended<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` attended.
		Attended { who: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The lesson was cancelled.
		Cancelled,
		/// `attend_once` was made already.
		AlreadyAttended,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Free: counts an attendance, or fails with `Cancelled` (after writing, to show that the
		/// dry run leaves nothing behind).
		#[pallet::call_index(0)]
		#[pallet::weight(Weight::from_parts(1_000_000, 0))]
		pub fn attend(origin: OriginFor<T>, cancelled: bool) -> DispatchResult {
			let who = ensure_signed(origin)?;
			DISPATCHES.with(|n| n.set(n.get().saturating_add(1)));
			Attended::<T>::mutate(&who, |n| *n = n.saturating_add(1));
			Self::deposit_event(Event::Attended { who });
			ensure!(!cancelled, Error::<T>::Cancelled);
			Ok(())
		}

		/// Free: counts an attendance if the account has none, else fails with
		/// `AlreadyAttended`.
		#[pallet::call_index(2)]
		#[pallet::weight(Weight::from_parts(1_000_000, 0))]
		pub fn attend_once(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(Attended::<T>::get(&who) == 0, Error::<T>::AlreadyAttended);
			Attended::<T>::insert(&who, 1);
			Ok(())
		}

		/// Paid: does nothing.
		#[pallet::call_index(1)]
		#[pallet::weight(Weight::from_parts(1_000_000, 0))]
		pub fn note(origin: OriginFor<T>) -> DispatchResult {
			ensure_signed(origin)?;
			Ok(())
		}
	}
}

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		TransactionPayment: pallet_transaction_payment,
		Feeless: pallet_feeless,
		Lessons: lessons,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	/// Non-zero storage weights, so that the extension's weight is seen.
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

#[derive_impl(pallet_transaction_payment::config_preludes::TestDefaultConfig)]
impl pallet_transaction_payment::Config for Test {
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type WeightToFee = IdentityFee<u64>;
	type LengthToFee = ConstantMultiplier<u64, ConstU64<1>>;
}

impl lessons::Config for Test {}

/// The free calls: `Lessons::attend` for everyone, `Lessons::attend_once` for everyone but
/// [`RICH`] (who pays for it, as a learner pays for a Help transfer to itself).
pub struct LessonCalls;
impl pallet_feeless::FreeCalls<u64, RuntimeCall> for LessonCalls {
	fn may_be_free(call: &RuntimeCall) -> bool {
		matches!(
			call,
			RuntimeCall::Lessons(lessons::Call::attend { .. } | lessons::Call::attend_once { .. })
		)
	}

	fn free_priority(who: &u64, call: &RuntimeCall) -> Option<u64> {
		match call {
			RuntimeCall::Lessons(lessons::Call::attend { .. }) => Some(ATTEND_PRIORITY),
			RuntimeCall::Lessons(lessons::Call::attend_once { .. }) if *who != RICH => {
				Some(ATTEND_ONCE_PRIORITY)
			},
			_ => None,
		}
	}
}

/// The pool priority of a free `attend`.
pub const ATTEND_PRIORITY: u64 = 2;
/// The pool priority of a free `attend_once`.
pub const ATTEND_ONCE_PRIORITY: u64 = 1;
/// What a free call that fails in a block counts as.
pub const FAILURE_PENALTY: u32 = 2;
/// How long a free call stays in the pool.
pub const FREE_LONGEVITY: u64 = 5;
/// Added to every paid transaction's priority.
pub const PAID_PRIORITY: u64 = 1_000;

/// The most free calls of one account in the pool.
pub const MAX_QUEUED_FREE: u32 = 2;

/// The length of a rate-limit period, in blocks.
pub const PERIOD: u64 = 10;
/// The most free calls per period.
pub const MAX_FREE_CALLS: u32 = 3;

impl pallet_feeless::Config for Test {
	type FreeCalls = LessonCalls;
	type Period = ConstU64<PERIOD>;
	type MaxFreeCalls = ConstU32<MAX_FREE_CALLS>;
	type FailurePenalty = ConstU32<FAILURE_PENALTY>;
	type FreeLongevity = ConstU64<FREE_LONGEVITY>;
	type MaxQueuedFree = ConstU32<MAX_QUEUED_FREE>;
	type PaidPriority = ConstU64<PAID_PRIORITY>;
}

/// A learner with no balance.
pub const LEARNER: u64 = 1;
/// An account with a balance.
pub const RICH: u64 = 2;
/// `RICH`'s balance at genesis.
pub const RICH_BALANCE: u64 = 1_000_000_000;

/// Genesis with `RICH` endowed, at block 1; `try_state` is checked after `test`.
pub fn new_test_ext(test: impl FnOnce()) {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(RICH, RICH_BALANCE)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		test();
		Feeless::do_try_state().unwrap();
	});
}
