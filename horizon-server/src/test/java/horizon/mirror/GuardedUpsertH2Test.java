package horizon.mirror;

/** The guarded upsert on the embedded H2 store (PostgreSQL mode). */
class GuardedUpsertH2Test extends GuardedUpsertCases {
}
