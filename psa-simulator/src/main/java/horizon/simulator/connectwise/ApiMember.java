package horizon.simulator.connectwise;

/**
 * An API member's keys: Basic auth is {@code companyId+publicKey:privateKey}.
 *
 * @param companyId        the company id typed at login (e.g. horizonsim)
 * @param publicKey        the API key's public half
 * @param privateKey       the API key's private half
 * @param memberId         the member's record id
 * @param memberIdentifier the member's identifier (e.g. HorizonAPI), who changes made with these keys are by
 */
public record ApiMember(String companyId, String publicKey, String privateKey, long memberId, String memberIdentifier) {
}
