package horizon.account;

/** Input a person typed was refused; names the form field and says why in words shown next to it. */
public class InvalidInput extends RuntimeException {

    private final String field;

    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
