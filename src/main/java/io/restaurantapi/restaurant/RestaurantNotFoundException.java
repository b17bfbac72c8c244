package io.restaurantapi.restaurant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No restaurant has the requested id: a 404 problem, answered as it is by Spring MVC. */
public class RestaurantNotFoundException extends ErrorResponseException {

    public RestaurantNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(String id) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No restaurant has id '" + id + "'.");
        problem.setTitle("Restaurant not found");
        return problem;
    }
}
