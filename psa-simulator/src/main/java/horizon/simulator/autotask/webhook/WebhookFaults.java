package horizon.simulator.autotask.webhook;

/** Misbehaviour of webhook delivery on demand; rates are probabilities in [0, 1]. */
public final class WebhookFaults {
}
