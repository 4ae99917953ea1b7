package io.databridge.postgres.autoconfigure.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Boot application with no data-bridge annotation at all. */
@SpringBootApplication
public class TestApplication {

}
