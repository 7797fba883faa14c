package horizon.sync;

/** Sync run retention on the embedded H2 store (PostgreSQL mode), in the shared test context. */
class SyncRunRetentionH2Test extends SyncRunRetentionCases {
}
