package com.example.shout;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Integration TCP service written without the drain in mind: it answers each line in capitals, on two
 * servers, and gets the drain from the echo-gateway dependency alone.
 */
@SpringBootApplication
public class ShoutApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShoutApplication.class, args);
	}

}
