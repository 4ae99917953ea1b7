package io.databridge.sample;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /users/import?count=N}: generates N users and loads them with
 * {@code @BulkInsert}; the log shows the progress, the answer the count and the time
 * taken.
 */
@RestController
public class ImportController {

	private static final int MAX_COUNT = 10_000_000;

	private final UserRepository users;

	private final ImportProgress progress;

	/** Creates the controller. */
	public ImportController(UserRepository users, ImportProgress progress) {
		this.users = users;
		this.progress = progress;
	}

	/** Imports {@code count} generated users. */
	@PostMapping("/users/import")
	public Map<String, Object> importUsers(@RequestParam(defaultValue = "100000") int count) {
		if (count < 0 || count > MAX_COUNT) {
			throw new IllegalArgumentException("count must be between 0 and " + MAX_COUNT);
		}
		String batch = UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Stream<User> generated = LongStream.range(0, count)
			.mapToObj(i -> new User(null, "user " + i, "import-" + batch + "-" + i + "@example.com",
					(int) (18 + i % 60), i % 3 != 0, now));
		long started = System.nanoTime();
		long rows = this.users.importUsers(generated);
		long millis = (System.nanoTime() - started) / 1_000_000;
		return Map.of("rows", rows, "millis", millis, "rowsPerSecond", millis == 0 ? rows : rows * 1000 / millis,
				"rowsSentSinceStart", this.progress.total());
	}

}
