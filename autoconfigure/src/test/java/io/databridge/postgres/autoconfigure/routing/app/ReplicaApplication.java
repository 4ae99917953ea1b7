package io.databridge.postgres.autoconfigure.routing.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ReplicaApplication {

}
