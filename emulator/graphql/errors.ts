// Errors in the shape Shopify's GraphQL server (graphql-ruby) gives them, so client code that
// reads `extensions.code` behaves the same against the emulator.
import type { GraphQLError } from "graphql";

export interface ShopifyError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

const located = (error: GraphQLError) =>
  error.locations ? { locations: error.locations.map(({ line, column }) => ({ line, column })) } : {};

/** A validation error, with graphql-ruby's wording and codes for the common cases. */
export function validationError(error: GraphQLError): ShopifyError {
  let match = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(error.message);
  if (match) {
    const [, fieldName, typeName] = match;
    return {
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      ...located(error),
      extensions: { code: "undefinedField", typeName, fieldName },
    };
  }
  match = /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"/.exec(error.message);
  if (match) {
    const [, argumentName, , fieldName] = match;
    return {
      message: `Field '${fieldName}' doesn't accept argument '${argumentName}'`,
      ...located(error),
      extensions: { code: "argumentNotAccepted", name: fieldName, typeName: "Field", argumentName },
    };
  }
  match = /^Field "(\w+)" argument "(\w+)" of type ".*" is required, but it was not provided/.exec(error.message);
  if (match) {
    const [, fieldName, argument] = match;
    return {
      message: `Field '${fieldName}' is missing required arguments: ${argument}`,
      ...located(error),
      extensions: { code: "missingRequiredArguments", className: "Field", name: fieldName, arguments: argument },
    };
  }
  return { message: error.message, ...located(error), extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
}

export function executionError(error: GraphQLError): ShopifyError {
  return {
    message: error.message,
    ...located(error),
    ...(error.path ? { path: [...error.path] } : {}),
    ...(error.extensions && Object.keys(error.extensions).length ? { extensions: error.extensions } : {}),
  };
}
