import { describe, expect, it } from 'vitest';
import { classifySearch, pinyinKeys } from '../../src/shared/domain/pinyin';

describe('pinyinKeys', () => {
  it('gives full pinyin and initials', () => {
    expect(pinyinKeys('张三')).toEqual({ full: 'zhangsan', initials: 'zs' });
    expect(pinyinKeys('张三丰')).toEqual({ full: 'zhangsanfeng', initials: 'zsf' });
  });
  it('reads surnames in surname mode', () => {
    expect(pinyinKeys('单雄').initials[0]).toBe('s'); // 单 shàn
    expect(pinyinKeys('曾伟').full.startsWith('zeng')).toBe(true);
    expect(pinyinKeys('解明').full.startsWith('xie')).toBe(true);
    expect(pinyinKeys('欧阳娜')).toEqual({ full: 'ouyangna', initials: 'oyn' });
  });
  it('writes ü as v and drops what is not Chinese', () => {
    expect(pinyinKeys('吕丽').full).toBe('lvli');
    expect(pinyinKeys('买买提·艾力')).toEqual({ full: 'maimaitiaili', initials: 'mmtal' });
  });
});

describe('classifySearch', () => {
  it('an empty box is no search', () => {
    expect(classifySearch('  ')).toEqual({ kind: 'none' });
  });
  it('letters are pinyin, lower-cased, spaces and full width removed', () => {
    expect(classifySearch('ZS')).toEqual({ kind: 'pinyin', text: 'zs' });
    expect(classifySearch('zhang san')).toEqual({ kind: 'pinyin', text: 'zhangsan' });
    expect(classifySearch('ｚｓ')).toEqual({ kind: 'pinyin', text: 'zs' });
  });
  it('digits (with a final x) are ID or mobile digits', () => {
    expect(classifySearch('0023')).toEqual({ kind: 'digits', text: '0023' });
    expect(classifySearch('002x')).toEqual({ kind: 'digits', text: '002X' });
    expect(classifySearch('１３８ ００')).toEqual({ kind: 'digits', text: '13800' });
  });
  it('anything else is part of a name, cleaned the way names are stored', () => {
    expect(classifySearch(' 张三 ')).toEqual({ kind: 'name', text: '张三' });
    expect(classifySearch('张 三')).toEqual({ kind: 'name', text: '张三' });
    expect(classifySearch('买买提.艾力')).toEqual({ kind: 'name', text: '买买提·艾力' });
  });
});
