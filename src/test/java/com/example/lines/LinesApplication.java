package com.example.lines;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The small line service that the drain component's own tests run: one TCP server that answers each line with itself,
 * declared as a Spring Integration user would, with the drain from the dependency alone. Its settings are read from
 * {@code lines.yml} ({@code --spring.config.name=lines}).
 */
@SpringBootApplication
public class LinesApplication {

	public static void main(String[] args) {
		SpringApplication.run(LinesApplication.class, args);
	}

}
