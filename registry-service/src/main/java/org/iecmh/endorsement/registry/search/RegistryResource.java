package org.iecmh.endorsement.registry.search;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Duration;
import java.util.List;

/**
 * The public registry: anyone may search it, without signing in. Answers are pages in a stable order, with a
 * {@code Link: <...>; rel="next"} header while more follow, and may be cached for a minute (ETags answer 304).
 */
@RestController
public class RegistryResource {

    /** How long a public answer may be reused: a lapse shows within a minute. */
    public static final CacheControl PUBLIC_CACHE = CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();

    private final Registry registry;

    RegistryResource(Registry registry) {
        this.registry = registry;
    }

    /** A name (two letters at least, so that no one lists everyone in one request), a state, a category. */
    @GetMapping("/api/registry/endorsees")
    ResponseEntity<List<RegistryEntry>> search(
            @RequestParam @Size(min = 2, max = 100) String name,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z]{2,3}") String state,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z][A-Za-z-]{1,9}") String category,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Registry.MAX_PAGE_SIZE) int size) {
        return page(registry.search(new RegistrySearch(name, state,
                category == null ? List.of() : List.of(category), page, size)), page);
    }

    /** A page as the public gets it: the entries, caching headers and the link to the next page if any. */
    public static ResponseEntity<List<RegistryEntry>> page(RegistryPage found, int page) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().cacheControl(PUBLIC_CACHE);
        if (found.hasMore()) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page + 1)
                    .build().toUriString();
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(found.entries());
    }
}
