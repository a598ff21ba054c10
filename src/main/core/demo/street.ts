/**
 * The demo street: 西乡街道 with 12 communities and villages, 90 grids, micro-grids and about 1,000 grid workers
 * with valid ID numbers, Chinese names and two years of transfers and departures.
 */
import type { Database } from 'better-sqlite3';
import { birthDateFromId, idCheckChar } from '../../../shared/domain/idcard';
import type { UnitKind } from '../../../shared/domain/org';
import type { Role } from '../../../shared/domain/people';
import { pinyinKeys } from '../../../shared/domain/pinyin';
import { insertTerm, startTerm } from '../people/terms';
import { SeededRandom } from './random';

const COMMUNITIES: [name: string, kind: UnitKind, grids: number][] = [
  ['固戍社区', 'community', 9],
  ['河西社区', 'community', 8],
  ['河东社区', 'community', 7],
  ['流塘社区', 'community', 8],
  ['盐田社区', 'community', 7],
  ['臣田社区', 'community', 8],
  ['渔业社区', 'community', 6],
  ['凤凰岗社区', 'community', 7],
  ['龙腾社区', 'community', 8],
  ['劳动社区', 'community', 7],
  ['铁岗村', 'village', 7],
  ['黄麻布村', 'village', 8],
];
const SPECIAL_GRIDS = ['西乡步行街专属网格', '宝安客运中心专属网格', '固戍地铁站专属网格', '臣田工业区专属网格'];
const MICRO_PLACES = ['花园', '新村', '公寓', '大厦', '小区', '雅苑', '家园', '名苑'];
const PLACE_WORDS = ['海城', '宝民', '兴业', '桃源', '碧海', '富华', '金海', '银田', '翠岸', '南昌', '永丰', '恒丰'];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤卜刁单';
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛'];
const GIVEN_MALE = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆志国建文晨阳峰龙林海东振兴德成';
const GIVEN_FEMALE = '芳娜敏静丽艳娟霞秀玲桂英红梅莉燕萍雪琳婷颖慧佳欣怡琴云兰凤洁倩丹月妍';
const MINORITY_NAMES = ['买买提·艾力', '阿依古丽·吐尔逊', '古丽娜尔·买买提'];
/** Where the workers were born: Bao'an itself and the provinces most of Shenzhen's workers come from. */
const REGIONS = ['440306', '440306', '440306', '440303', '441581', '430124', '450881', '510722', '411323', '362421', '420621', '445221'];

export function makeName(rnd: SeededRandom, gender: '男' | '女'): string {
  if (rnd.chance(0.003)) return rnd.pick(MINORITY_NAMES);
  const surname = rnd.chance(0.01) ? rnd.pick(COMPOUND_SURNAMES) : rnd.pick([...SURNAMES]);
  const pool = [...(gender === '男' ? GIVEN_MALE : GIVEN_FEMALE)];
  const given = rnd.chance(0.3) ? rnd.pick(pool) : rnd.pick(pool) + rnd.pick(pool);
  return surname + given;
}

export function makeIdNumber(rnd: SeededRandom, gender: '男' | '女', taken: Set<string>): string {
  for (;;) {
    const birth = rnd.date('1966-01-01', '2001-12-31').replace(/-/g, '');
    const seq = rnd.int(0, 99) * 10 + (gender === '男' ? rnd.pick([1, 3, 5, 7, 9]) : rnd.pick([0, 2, 4, 6, 8]));
    const first17 = rnd.pick(REGIONS) + birth + String(seq).padStart(3, '0');
    const id = first17 + idCheckChar(first17);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export function makeMobile(rnd: SeededRandom): string {
  return `1${rnd.pick(['3', '5', '7', '8', '9'])}${rnd.int(0, 9)}${String(rnd.int(0, 99999999)).padStart(8, '0')}`;
}

/**
 * 政治面貌 from one draw (the one the old 党员 是/否 took, so the rest of the street stays as it was): about a third
 * in the Party (a few of them 预备), some 共青团员, a few democratic parties and 无党派人士, the rest 群众.
 */
export const politicalStatusOf = (u: number): string =>
  u < 0.33 ? '中共党员' : u < 0.36 ? '中共预备党员' : u < 0.45 ? '共青团员' : u < 0.46 ? '民盟盟员' : u < 0.465 ? '九三学社社员' : u < 0.47 ? '无党派人士' : '群众';

export interface DemoOptions {
  today: string;
  createdAt: string;
  seed?: number;
}

export function loadDemoStreet(db: Database, options: DemoOptions): { units: number; people: number } {
  const rnd = new SeededRandom(options.seed ?? 20261123);
  const at = options.createdAt;
  const insertUnit = db.prepare(
    'INSERT INTO org_units (parent_id, kind, name, code, sort_order, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const addUnit = (parentId: number | null, kind: UnitKind, name: string, code: string, order: number) =>
    Number(insertUnit.run(parentId, kind, name, code, order, at).lastInsertRowid);

  const street = addUnit(null, 'street', '西乡街道', '440306006', 1);
  const grids: { id: number; community: number }[] = [];
  const micros: { id: number; grid: number }[] = [];
  const communities: number[] = [];
  let special = 0;
  COMMUNITIES.forEach(([name, kind, gridCount], ci) => {
    const cCode = `440306006${String(ci + 1).padStart(3, '0')}`;
    const community = addUnit(street, kind, name, cCode, ci + 1);
    communities.push(community);
    for (let g = 1; g <= gridCount; g++) {
      const isSpecial = g === gridCount && ci % 3 === 0 && special < SPECIAL_GRIDS.length;
      const gName = isSpecial ? SPECIAL_GRIDS[special++]! : `第${String(g).padStart(2, '0')}网格`;
      const gridId = addUnit(community, isSpecial ? 'grid_special' : 'grid_basic', gName, `${cCode}${String(g).padStart(2, '0')}`, g);
      grids.push({ id: gridId, community });
      if (!isSpecial && rnd.chance(0.35)) {
        for (let m = 1; m <= rnd.int(2, 3); m++) {
          const mName = `${rnd.pick(PLACE_WORDS)}${rnd.pick(MICRO_PLACES)}微网格`;
          micros.push({ id: addUnit(gridId, 'micro_grid', `${m}号${mName}`, `${cCode}${String(g).padStart(2, '0')}${m}`, m), grid: gridId });
        }
      }
    }
  });

  const insertPerson = db.prepare(
    `INSERT INTO people (name, name_pinyin, name_initials, gender, id_number, birth_date, mobile, political_status,
                         hire_date, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
  );
  const takenIds = new Set<string>();
  // Nothing in the demo is dated after today: hires end by mid-2024 (or today), movements follow from September.
  const hireEnd = options.today < '2024-06-30' ? options.today : '2024-06-30';
  let people = 0;
  const hire = (unitId: number, roles: Role[], late?: { rnd: SeededRandom; from: string; to: string }): number => {
    const r = late?.rnd ?? rnd;
    const gender = r.chance(0.58) ? '女' : '男';
    const name = makeName(r, gender);
    const id = makeIdNumber(r, gender, takenIds);
    const keys = pinyinKeys(name);
    const birth = birthDateFromId(id);
    const earliest = `${Math.max(Number(birth.slice(0, 4)) + 20, 2015)}-01-01`;
    const hireDate = late ? r.date(late.from, late.to) : r.date(earliest < hireEnd ? earliest : '2015-01-01', hireEnd);
    const personId = Number(
      insertPerson.run(name, keys.full, keys.initials, gender, id, birth, makeMobile(r), politicalStatusOf(r.next()), hireDate, at, at)
        .lastInsertRowid,
    );
    insertTerm(db, { personId, validFrom: hireDate, unitId, roles, status: '在岗', change: '入职', reason: '', createdAt: at });
    people++;
    return personId;
  };

  // Community squads: a 中队长 and two 组长 each.
  communities.forEach((c) => {
    hire(c, ['中队长']);
    hire(c, ['组长']);
    hire(c, ['组长']);
  });
  const hired: { personId: number; community: number }[] = [];
  grids.forEach((g) => {
    hired.push({ personId: hire(g.id, ['网格长', '专职网格员']), community: g.community });
    for (let i = rnd.int(5, 8); i > 0; i--) hired.push({ personId: hire(g.id, ['专职网格员']), community: g.community });
    for (let i = rnd.int(1, 3); i > 0; i--) hired.push({ personId: hire(g.id, ['网格员']), community: g.community });
    if (rnd.chance(0.4)) hired.push({ personId: hire(g.id, ['楼栋长']), community: g.community });
  });
  micros.forEach((m) => hire(m.id, ['微网格长']));

  // Two years of movement: transfers within a community, departures, a few returns.
  const end = options.today < '2026-10-31' ? options.today : '2026-10-31';
  const movesFrom = '2024-09-01';
  const rejoinFrom = '2026-06-01';
  if (end >= movesFrom) hired.forEach(({ personId, community }) => {
    if (rnd.chance(0.08)) {
      const targets = grids.filter((g) => g.community === community);
      const target = rnd.pick(targets).id;
      const cur = db.prepare('SELECT unit_id FROM person_terms WHERE person_id = ? AND valid_to IS NULL').pluck().get(personId);
      if (target !== cur) {
        startTerm(db, { personId, date: rnd.date(movesFrom, end), dateField: 'date', change: '调动', reason: '工作需要', unitId: target, createdAt: at });
      }
    } else if (rnd.chance(0.04)) {
      const left = rnd.date(movesFrom, end);
      startTerm(db, { personId, date: left, dateField: 'date', change: '离岗', reason: rnd.pick(['辞职', '退休', '考取公务员', '家庭原因']), status: '离岗', createdAt: at });
      if (rnd.chance(0.25) && left < rejoinFrom && end >= rejoinFrom) {
        startTerm(db, { personId, date: rnd.date(rejoinFrom, end), dateField: 'date', change: '返岗', reason: '重新聘用', status: '在岗', createdAt: at });
      }
    }
  });
  // Recruits of the second half of 2025 (a generator of their own, so the rest of the street stays as it was): too few
  // months in post for that year's assessment (不定等次).
  const recruitsTo = options.today < '2025-10-31' ? options.today : '2025-10-31';
  if (recruitsTo >= '2025-08-01') {
    const late = { rnd: new SeededRandom((options.seed ?? 20261123) + 1), from: '2025-08-01', to: recruitsTo };
    for (let i = 0; i < 6; i++) hire(late.rnd.pick(grids).id, ['专职网格员'], late);
  }
  const units = db.prepare('SELECT count(*) FROM org_units').pluck().get() as number;
  return { units, people };
}
