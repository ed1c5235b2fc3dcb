/**
 * Greetings of languages without a pack: a note made of a greeting and a name says nothing, in
 * any language ("Cześć Anna!", "Merhaba!", "こんにちは"). Only the classifier reads them, to tell
 * such a note from one to read; the frame is not recognised through them. Words that are also
 * common words of a packed language are left out ("hai" is Italian for "you have", "moi" French
 * for "me"), so a note that starts with one is never taken for a bare greeting.
 */
export const GREETINGS_WITHOUT_PACK: readonly string[] = [
  // Japanese, Chinese, Korean
  'こんにちは',
  'こんばんは',
  'おはようございます',
  'はじめまして',
  'よろしくお願いします',
  'よろしくお願いいたします',
  'どうぞよろしくお願いします',
  '你好',
  '您好',
  '안녕하세요',
  '반갑습니다',
  // Turkish, Polish, Czech, Slovak
  'merhaba',
  'selam',
  'selamlar',
  'iyi günler',
  'günaydın',
  'cześć',
  'dzień dobry',
  'witam',
  'witaj',
  'ahoj',
  'dobrý den',
  'dobrý deň',
  'zdravím',
  // Nordic
  'hej',
  'hejsan',
  'hallå',
  'hei',
  'goddag',
  'terve',
  // Russian, Ukrainian, Greek
  'привет',
  'здравствуйте',
  'добрый день',
  'привіт',
  'вітаю',
  'добрий день',
  'γεια σας',
  'γεια σου',
  'καλημέρα',
  // Romanian, Hungarian
  'bună',
  'bună ziua',
  'salut',
  'szia',
  'jó napot',
  // Arabic, Hebrew, Hindi, Thai, Vietnamese
  'مرحبا',
  'مرحباً',
  'السلام عليكم',
  'أهلا',
  'שלום',
  'नमस्ते',
  'สวัสดี',
  'สวัสดีครับ',
  'สวัสดีค่ะ',
  'xin chào',
];
