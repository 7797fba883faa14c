package horizon.helpdesk.configuration;

/**
 * Published when an account's connection stopped on a permanent failure; {@link HelpdeskConnected} follows when it
 * works again (replaced credentials or a successful test).
 */
public record HelpdeskConnectionStopped(long accountId, ConnectionFailure failure) {
}
