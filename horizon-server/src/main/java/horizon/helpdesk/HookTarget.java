package horizon.helpdesk;

/**
 * Where a PSA must call Horizon for one account.
 *
 * @param url             {@code HORIZON_PUBLIC_URL/hooks/{pathSegment}/{accountKey}}; an adapter may append what
 *                        its PSA needs (ConnectWise's {@code ?recordId=})
 * @param deactivationUrl where a PSA that reports a webhook's deactivation calls (the same URL: the notice is signed
 *                        like any other)
 * @param name            how the webhooks are named in the PSA, e.g. {@code Horizon}
 */
public record HookTarget(String url, String deactivationUrl, String name) {
}
