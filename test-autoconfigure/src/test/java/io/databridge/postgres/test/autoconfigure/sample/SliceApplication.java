package io.databridge.postgres.test.autoconfigure.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SliceApplication {

}
