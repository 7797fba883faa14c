package horizon.account;

/** A freshly created API token together with its plaintext, which is shown once and then forgotten. */
public record IssuedToken(ApiToken token, String plaintext) {

    @Override
    public String toString() {
        return "IssuedToken[id=" + token.id() + ", name=" + token.name() + "]";
    }
}
