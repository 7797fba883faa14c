package horizon.ticket;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Keyset paging of the read API: {@code limit} (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}) and an
 * opaque {@code cursor} taken from the previous answer's {@code next} link. Keyset rather than page numbers so that
 * records arriving during a walk neither repeat nor get skipped.
 *
 * @param limit page size
 * @param after the last id of the previous page, {@code null} for the first page
 */
record Paging(int limit, Long after) {

    static final int MAX_LIMIT = 500;
    static final int DEFAULT_LIMIT = 100;

    static Paging of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidQuery("limit must be between 1 and " + MAX_LIMIT + ", was " + size);
        }
        return new Paging(size, decode(cursor));
    }

    /** The cursor is the last id seen, kept opaque to clients so its form may change. */
    static String encode(long lastId) {
        return "id" + lastId;
    }

    private static Long decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            if (cursor.startsWith("id")) {
                return Long.parseLong(cursor.substring(2));
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new InvalidQuery("cursor is not one this API issued; use the next link of the previous page");
    }

    /** The link to the page after the one that ended at {@code lastId}, carrying the caller's filters. */
    static String nextLink(UriComponentsBuilder query, Long lastId) {
        return lastId == null ? null : query.replaceQueryParam("cursor", encode(lastId)).encode().build().toUriString();
    }
}
