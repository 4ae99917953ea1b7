package io.databridge.sample;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /users}, {@code GET /users/{id}} and {@code GET /users?page=&size=&sort=}.
 */
@RestController
@RequestMapping("/users")
public class UserController {

	private final UserRepository users;

	/** Creates the controller. */
	public UserController(UserRepository users) {
		this.users = users;
	}

	/** Creates a user and answers 201 with its location. */
	@PostMapping
	public ResponseEntity<User> create(@RequestBody NewUser body) {
		if (body.name() == null || body.name().isBlank() || body.email() == null || body.email().isBlank()) {
			throw new IllegalArgumentException("name and email are required");
		}
		User saved = this.users.save(new User(null, body.name(), body.email(), body.age(), true,
				Instant.now().truncatedTo(ChronoUnit.MICROS)));
		return ResponseEntity.created(URI.create("/users/" + saved.id())).body(saved);
	}

	/** One user, or 404. */
	@GetMapping("/{id}")
	public ResponseEntity<User> get(@PathVariable long id) {
		return ResponseEntity.of(this.users.findById(id));
	}

	/** A page of users; {@code sort} names must be properties of {@link User}. */
	@GetMapping
	public PagedModel<User> list(
			@PageableDefault(size = 20, sort = "id", direction = Sort.Direction.ASC) Pageable page) {
		return new PagedModel<>(this.users.findAll(page));
	}

}
