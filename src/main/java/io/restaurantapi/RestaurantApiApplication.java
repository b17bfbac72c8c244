package io.restaurantapi;

import io.restaurantapi.dataset.DatasetSource;
import io.restaurantapi.dataset.GenerateCommand;
import io.restaurantapi.dataset.SeedCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the API. The same jar runs two one-shot commands instead when the first argument names one:
 * {@code seed …} loads the dataset, {@code generate …} writes synthetic restaurants.
 */
@SpringBootApplication
public class RestaurantApiApplication {

    public static void main(String[] args) {
        String command = args.length > 0 ? args[0] : "";
        String[] commandArguments = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (command) {
            case "seed" ->
                System.exit(new SeedCommand(System.getenv(), DatasetSource.PINNED, System.out, System.err)
                        .run(commandArguments));
            case "generate" -> System.exit(new GenerateCommand(System.out, System.err).run(commandArguments));
            default -> SpringApplication.run(RestaurantApiApplication.class, args);
        }
    }
}
