package io.databridge.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Runs the sample: {@code ./mvnw -pl sample-app -am spring-boot:run}. No data-bridge
 * annotation is needed; the starter finds {@link UserRepository} by itself.
 */
@SpringBootApplication
public class SampleApplication {

	/** Starts the application. */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
