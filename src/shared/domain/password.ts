/**
 * The password policy for 账号: at least MIN_PASSWORD_LENGTH characters, not one of the passwords people use most
 * (the built-in list below, Chinese favourites included), not a run of consecutive or repeated characters or of
 * neighbouring keys ('12345678', 'abcdefgh', 'aaaaaaaa', '11112222', 'qwertyui', 'abcd1234'), and not the login name
 * nor containing it. Pure: the core refuses such a password and the page says why at the field, in the same words.
 */

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/**
 * The most used passwords of MIN_PASSWORD_LENGTH or more characters (lower case), from the published lists of leaked
 * passwords, Chinese sites' among them; shorter ones are refused by their length already. Patterns (runs, repeats,
 * keyboard rows) are caught by the rules below, so the list need not spell them all out.
 */
const COMMON = `
password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword pa55word pass1234 pass12345 passwort
iloveyou iloveyou1 iloveyou2 iloveu1314 princess princess1 sunshine sunshine1 football football1 baseball basketball
superman superman1 batman123 starwars trustno1 whatever welcome1 welcome123 welcome12 letmein1 letmein123 changeme
changeme1 computer computer1 internet michelle jennifer danielle jessica1 babygirl babygirl1 chocolate butterfly
liverpool chelsea1 arsenal1 mustang1 charlie1 jordan23 michael1 corvette mercedes ferrari1 master123 master12
monkey123 dragon123 shadow12 shadow123 killer123 hello123 hello1234 helloworld loveyou1 lovelove lovely123
admin123 admin1234 admin12345 admin888 admin8888 administrator adminadmin root1234 root123456 rootroot test1234
test12345 test123456 testtest guest123 default1 secret12 secret123 qwerty12 qwerty123 qwerty1234 qwerty12345
abc12345 abc123456 abc1234567 abcd1234 abcd12345 abcd123456 abcde12345 a1234567 a12345678 a123456789 a1b2c3d4
a1s2d3f4 aa123456 aaa123456 as123456 asd12345 asd123456 asdf1234 asdf123456 qwe12345 qwe123456 qwer1234
qwer123456 zxc12345 zxc123456 zxcv1234 z1234567 z12345678 q1234567 q12345678 w1234567 s1234567 x1234567
1qaz2wsx 1qaz2wsx3edc 1qazxsw2 2wsx3edc zaq12wsx zaq1xsw2 !qaz2wsx 1qaz@wsx qazwsxedc qazwsx123 qazwsx12
1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5 12qwaszx 1234qwer 123qweasd 123qweasdzxc qweasdzxc
qwertyuiop asdfghjkl zxcvbnm1 zxcvbnm123 zxcvbnm12 1234asdf 123456qwe 123456asd 123456zxc 123abc123
123456789a 12345678a 1234567a 123456aa 123456abc 123456ab 123456qq 123456as 123456a@ 12345qwert
qq123456 qq1234567 qq12345678 qq123456789 qq5201314 qq1314520 qq666666 qq888888 qwe123qwe asd123asd
woaini1314 woaini520 woaini521 woaini123 woaini1234 woaini12 woainima woainimama woaiwojia woaiwoma
woaiwolaopo woaiwolaogong iloveyou1314 love1314 love5201314 aini1314 aini5201314 a5201314 5201314a
52013145 520131400 5201314520 5201314521 1314520520 13145200 1314520a 5845201314 7758521a 77585210
caonima123 nihao123 nihao1234 wangwang zhangwei zhang123 zhang1234 wang1234 wang123456 liu123456
li123456 chen123456 yang123456 huang123 zhao1234 zhou1234 abcd8888 abc88888 aptx4869 xiaoming
xiaoqiang dearbook xiazhili woshishui woshiniba wodemima mima1234 mima123456 shenzhen beijing1
shanghai guangzhou zhongguo china123 chinese1 zhongguo1 baobao123 tianshi1 tiantian haohao123
88888888 888888888 66666666 666666666 99999999 00000000 000000000 11111111 111111111 22222222 55555555
12345678 123456789 1234567890 0123456789 87654321 987654321 9876543210 11223344 12344321 123321123
147258369 147852369 159357456 789456123 123654789 741852963 963852741 369258147 258369147 321654987
123123123 12121212 12341234 123456123 110110110 31415926 314159265 11235813 1123581321 20082008
19491001 19880808 19900101 19911111 20000101 20080808 20082012 20120101 52105210 13141314 14789632
112233445566 123456654321 1234554321 abcdefg1 abcdefgh abc123abc ab123456 aaaaaaaa qqqqqqqq asdfasdf
qweqweqwe asdasdasd zxczxczxc 123qwe123 qweqwe123 asdasd123 1a2b3c4d 1234abcd asdfghjk zxcvbnma
football123 baseball1 soccer12 hockey12 tennis12 pokemon1 naruto123 onepiece12 minecraft1 iloveyou123
`
  .split(/\s+/)
  .filter((w) => w.length >= MIN_PASSWORD_LENGTH);

const COMMON_SET = new Set(COMMON);

/** The number of passwords on the built-in list (for tests and the page's hint). */
export const COMMON_PASSWORD_COUNT = COMMON_SET.size;

/** The rows of a keyboard: neighbours on a row count as a run ('qwertyui', 'asdfghjk', 'zxcvbnm'). */
const KEY_ROWS = ['`1234567890-=', 'qwertyuiop[]\\', "asdfghjkl;'", 'zxcvbnm,./'];
const KEY_POS = new Map<string, { row: number; col: number }>();
KEY_ROWS.forEach((r, row) => [...r].forEach((c, col) => KEY_POS.set(c, { row, col })));

/** How two neighbouring characters follow each other: repeated, the next digit or letter (either way), the next key. */
interface Link {
  same: boolean;
  step: boolean;
  key: boolean;
}

function linkOf(a: string, b: string): Link | null {
  if (a === b) return { same: true, step: false, key: false };
  const x = a.charCodeAt(0);
  const y = b.charCodeAt(0);
  const digit = (c: number) => c >= 48 && c <= 57;
  const letter = (c: number) => c >= 97 && c <= 122;
  const sameKind = (digit(x) && digit(y)) || (letter(x) && letter(y));
  const step = sameKind && (Math.abs(x - y) === 1 || (digit(x) && Math.abs(x - y) === 9)); // '7890' wraps to '0'
  const p = KEY_POS.get(a);
  const q = KEY_POS.get(b);
  const key = p !== undefined && q !== undefined && p.row === q.row && Math.abs(p.col - q.col) === 1;
  return step || key ? { same: false, step, key } : null;
}

/** Why the text is a simple pattern (a message), or null: at most two runs, or a short chunk repeated. */
function patternProblem(text: string): string | null {
  const links: (Link | null)[] = [];
  for (let i = 1; i < text.length; i++) links.push(linkOf(text[i - 1]!, text[i]!));
  if (links.every((l) => l?.same)) return '密码过于简单：是重复的字符';
  for (let size = 2; size <= 4 && size * 2 <= text.length; size++) {
    const unit = text.slice(0, size);
    if (unit.repeat(Math.ceil(text.length / size)).slice(0, text.length) === text) return '密码过于简单：是重复的字符';
  }
  const linked = links.filter((l): l is Link => l !== null);
  if (links.length - linked.length > 1) return null; // three runs or more
  const allStep = linked.every((l) => l.same || l.step);
  const allKey = linked.every((l) => l.same || l.key);
  const repeats = linked.some((l) => l.same);
  if (allStep) return repeats ? '密码过于简单：是重复或连续的数字或字母' : '密码过于简单：是连续的数字或字母';
  if (allKey) return '密码过于简单：是键盘上相邻的按键';
  return '密码过于简单：是连续的字符或键盘上相邻的按键';
}

/**
 * Why a password may not be used, in the words shown at the password field; null when it may. `loginName` is the
 * account's user name (the password may be neither it nor contain it).
 */
export function passwordProblem(password: string, loginName = ''): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少${MIN_PASSWORD_LENGTH}位`;
  if (password.length > MAX_PASSWORD_LENGTH) return `密码不能超过${MAX_PASSWORD_LENGTH}位`;
  const text = password.toLowerCase();
  const pattern = patternProblem(text);
  if (pattern) return pattern;
  if (COMMON_SET.has(text)) return '密码过于简单：是最常见的密码之一，很容易被猜中';
  const name = loginName.trim().toLowerCase();
  if (name !== '') {
    if (text === name || text === [...name].reverse().join('')) return '密码不能与用户名相同';
    if (name.length >= 3 && text.includes(name)) return '密码不能包含用户名';
  }
  return null;
}

/** The policy in one line, for the page's hint under the field. */
export const PASSWORD_HINT = `至少${MIN_PASSWORD_LENGTH}位；不能是常见密码、连续或重复的字符，也不能包含用户名`;
