package horizon.ticket;

/**
 * The body of every error answer of the API: a short machine-readable code and a sentence for people.
 *
 * @param error   {@code invalid}, {@code not_found}, …
 * @param message what was wrong
 */
public record ApiError(String error, String message) {

    public static ApiError invalid(String message) {
        return new ApiError("invalid", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError("not_found", message);
    }
}
