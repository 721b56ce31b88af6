//! The pallets whose weights `scripts/benchmark-weights.sh` measures.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_timestamp, Timestamp]
	[pallet_collective, Council]
	[pallet_membership, CouncilMembership]
	[pallet_validator_set, ValidatorSet]
	[pallet_upgrade, Upgrade]
	[pallet_nodes, Nodes]
	[pallet_registry, Registry]
	[pallet_courses, Courses]
	[pallet_lifecycle, Lifecycle]
	[pallet_tokens, Tokens]
);
