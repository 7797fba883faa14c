package horizon.account;

/** The account store on the embedded H2 (PostgreSQL mode) that Horizon uses by default. */
class AccountStoreH2Test extends AccountStoreContract {
}
