/** `GET /api/users/<sub>`: the resource API's service door, for a resource server acting on a user's behalf (service-api.ts). */
export const SERVICE_PATH = '/api/users';
