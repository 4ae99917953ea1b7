package com.example.app;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.databridge.postgres.mapping.Jsonb;
import io.databridge.postgres.mapping.Table;
import org.springframework.data.annotation.Id;

@Table("users")
public record User(@Id Long id, String name, String email, int age, boolean active,
                   Instant createdAt, UUID externalId, @Jsonb Profile profile,
                   List<String> tags, int logins) {

  public record Profile(String city, String language) {}

  public static User newUser(String name, String email, Profile profile) {
    return new User(null, name, email, 0, true, Instant.now(), UUID.randomUUID(), profile, List.of(), 0);
  }
}
