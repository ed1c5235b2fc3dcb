/** The header wherewemet stamps on every draft it writes, naming the invitation it answers. */
export const INVITATION_HEADER = 'X-Wherewemet-Invitation';
