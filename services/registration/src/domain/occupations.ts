/**
 * Digital occupations of the 2022 national occupational classification (minor group 2-02-38 and a
 * few others), the codes a track may certify. Copied from shared/data/digital-occupations.csv
 * (see shared/data/README.md for its sources: only 2-02-38-13 is confirmed by an official notice).
 */
export interface Occupation {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Pre-2022 code that national occupational standards may still cite. */
  readonly codeBefore2022: string;
}

export const DIGITAL_OCCUPATIONS: readonly Occupation[] = Object.freeze([
  { code: '2-02-38-01', nameZh: '人工智能工程技术人员', nameEn: 'Artificial intelligence engineering technician', codeBefore2022: '2-02-10-09' },
  { code: '2-02-38-02', nameZh: '物联网工程技术人员', nameEn: 'Internet of things engineering technician', codeBefore2022: '2-02-10-10' },
  { code: '2-02-38-03', nameZh: '大数据工程技术人员', nameEn: 'Big data engineering technician', codeBefore2022: '2-02-10-11' },
  { code: '2-02-38-04', nameZh: '云计算工程技术人员', nameEn: 'Cloud computing engineering technician', codeBefore2022: '2-02-10-12' },
  { code: '2-02-38-05', nameZh: '智能制造工程技术人员', nameEn: 'Intelligent manufacturing engineering technician', codeBefore2022: '2-02-07-13' },
  { code: '2-02-38-06', nameZh: '工业互联网工程技术人员', nameEn: 'Industrial internet engineering technician', codeBefore2022: '2-02-10-13' },
  { code: '2-02-38-07', nameZh: '虚拟现实工程技术人员', nameEn: 'Virtual reality engineering technician', codeBefore2022: '2-02-10-14' },
  { code: '2-02-38-08', nameZh: '区块链工程技术人员', nameEn: 'Blockchain engineering technician', codeBefore2022: '2-02-10-15' },
  { code: '2-02-38-09', nameZh: '集成电路工程技术人员', nameEn: 'Integrated circuit engineering technician', codeBefore2022: '' },
  { code: '2-02-38-10', nameZh: '机器人工程技术人员', nameEn: 'Robotics engineering technician', codeBefore2022: '' },
  { code: '2-02-38-11', nameZh: '增材制造工程技术人员', nameEn: 'Additive manufacturing engineering technician', codeBefore2022: '' },
  { code: '2-02-38-12', nameZh: '数据安全工程技术人员', nameEn: 'Data security engineering technician', codeBefore2022: '' },
  { code: '2-02-38-13', nameZh: '密码工程技术人员', nameEn: 'Cryptography engineering technician', codeBefore2022: '' },
  { code: '4-04-05-05', nameZh: '人工智能训练师', nameEn: 'Artificial intelligence trainer', codeBefore2022: '' },
  { code: '4-04-05-04', nameZh: '数据库运行管理员', nameEn: 'Database operations administrator', codeBefore2022: '' },
  { code: '4-04-04-02', nameZh: '网络与信息安全管理员', nameEn: 'Network and information security administrator', codeBefore2022: '' },
]);

const BY_CODE: ReadonlyMap<string, Occupation> = new Map(DIGITAL_OCCUPATIONS.map((o) => [o.code, o]));

export function occupationByCode(code: string): Occupation | undefined {
  return BY_CODE.get(code);
}
