package horizon.helpdesk.configuration;

/** The connection store on the embedded H2 (PostgreSQL mode). */
class HelpdeskConnectionRepositoryH2Test extends HelpdeskConnectionRepositoryContract {
}
