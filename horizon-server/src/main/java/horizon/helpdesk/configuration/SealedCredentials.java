package horizon.helpdesk.configuration;

/**
 * The three credential values as SecretBox envelopes, exactly as stored.
 *
 * @param userName        sealed API username
 * @param secret          sealed API secret
 * @param integrationCode sealed API integration code
 */
record SealedCredentials(String userName, String secret, String integrationCode) {
}
