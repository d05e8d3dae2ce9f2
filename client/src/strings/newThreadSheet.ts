/** The words of the new comment's sheet on narrow screens (threads/NewThreadSheet.tsx). */
export const tNewThreadSheet = {
  title: 'Ny kommentar',
  close: 'Lukk uten å sende',
} as const;
