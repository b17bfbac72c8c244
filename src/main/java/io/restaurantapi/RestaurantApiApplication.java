package io.restaurantapi;

import java.util.Arrays;

import io.restaurantapi.dataset.DatasetSource;
import io.restaurantapi.dataset.GenerateCommand;
import io.restaurantapi.dataset.SeedCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the API; {@code seed …} as the first argument instead runs the one-shot dataset loader from the same jar.
 */
@SpringBootApplication
public class RestaurantApiApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("seed")) {
            String[] seedArguments = Arrays.copyOfRange(args, 1, args.length);
            System.exit(new SeedCommand(System.getenv(), DatasetSource.PINNED, System.out, System.err).run(seedArguments));
        }
        if (args.length > 0 && args[0].equals("generate")) {
            String[] generateArguments = Arrays.copyOfRange(args, 1, args.length);
            System.exit(new GenerateCommand(System.out, System.err).run(generateArguments));
        }
        SpringApplication.run(RestaurantApiApplication.class, args);
    }
}
