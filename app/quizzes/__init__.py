"""Quiz bank, the loader of the top-level quizzes/ folder, question types, play, import/export."""
