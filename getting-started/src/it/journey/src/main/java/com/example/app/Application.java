package com.example.app;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

@SpringBootApplication
public class Application {
  public static void main(String[] args) {
    SpringApplication.run(Application.class, args);
  }
}

@Component
class Demo implements CommandLineRunner {
  private final Signup signup;
  private final UserRepo users;

  Demo(Signup signup, UserRepo users) { this.signup = signup; this.users = users; }

  @Override
  public void run(String... args) {
    User ada = signup.register("Ada", "ada@example.com", "London");
    User read = users.findById(ada.id()).orElseThrow();
    System.out.println("Saved " + read.name() + " (id " + read.id() + ") from " + read.profile().city()
        + "; active users: " + signup.activeUsers());
  }
}
