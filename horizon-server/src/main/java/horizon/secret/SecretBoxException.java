package horizon.secret;

/** A sealed envelope could not be opened: unknown format, a key id this node does not hold, or tampered data. */
public class SecretBoxException extends RuntimeException {

    public SecretBoxException(String message) {
        super(message);
    }

    public SecretBoxException(String message, Throwable cause) {
        super(message, cause);
    }
}
