package horizon.secret;

/** A master key setting Horizon cannot start with; the message names the setting and never contains a key. */
public class MasterKeyProblem extends IllegalStateException {

    public MasterKeyProblem(String message) {
        super(message);
    }
}
