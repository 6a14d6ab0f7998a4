export namespace abk {
	
	export class Aggregate {
	    jumlahPosisi: number;
	    beban: number;
	    kebutuhanBulat: number;
	    bezetting: number;
	    kelebihan: number;
	    kekurangan: number;
	    selisih: number;
	    eu: number;
	    grade: string;
	    kosong: number;
	    gradeCount: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new Aggregate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.jumlahPosisi = source["jumlahPosisi"];
	        this.beban = source["beban"];
	        this.kebutuhanBulat = source["kebutuhanBulat"];
	        this.bezetting = source["bezetting"];
	        this.kelebihan = source["kelebihan"];
	        this.kekurangan = source["kekurangan"];
	        this.selisih = source["selisih"];
	        this.eu = source["eu"];
	        this.grade = source["grade"];
	        this.kosong = source["kosong"];
	        this.gradeCount = source["gradeCount"];
	    }
	}
	export class Balance {
	    index: number;
	    shareB: number;
	    misplacedSum: number;
	    kebutuhanSum: number;
	    positionCount: number;
	
	    static createFrom(source: any = {}) {
	        return new Balance(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.index = source["index"];
	        this.shareB = source["shareB"];
	        this.misplacedSum = source["misplacedSum"];
	        this.kebutuhanSum = source["kebutuhanSum"];
	        this.positionCount = source["positionCount"];
	    }
	}
	export class Bands {
	    a: number;
	    b: number;
	    c: number;
	    d: number;
	
	    static createFrom(source: any = {}) {
	        return new Bands(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.a = source["a"];
	        this.b = source["b"];
	        this.c = source["c"];
	        this.d = source["d"];
	    }
	}
	export class PositionResult {
	    opdId: string;
	    unitId: string;
	    jabatanId: string;
	    beban: number;
	    kebutuhan: number;
	    kebutuhanBulat: number;
	    bezetting: number;
	    selisih: number;
	    ej: number;
	    grade: string;
	    kosong: boolean;
	    tanpaAbk: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PositionResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.opdId = source["opdId"];
	        this.unitId = source["unitId"];
	        this.jabatanId = source["jabatanId"];
	        this.beban = source["beban"];
	        this.kebutuhan = source["kebutuhan"];
	        this.kebutuhanBulat = source["kebutuhanBulat"];
	        this.bezetting = source["bezetting"];
	        this.selisih = source["selisih"];
	        this.ej = source["ej"];
	        this.grade = source["grade"];
	        this.kosong = source["kosong"];
	        this.tanpaAbk = source["tanpaAbk"];
	    }
	}
	export class Settings {
	    wkeMenit: number;
	    faktor: Record<string, number>;
	    rounding: string;
	    bands: Bands;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.wkeMenit = source["wkeMenit"];
	        this.faktor = source["faktor"];
	        this.rounding = source["rounding"];
	        this.bands = this.convertValues(source["bands"], Bands);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Tugas {
	    uraian: string;
	    satuanHasil: string;
	    volume: number;
	    periode: string;
	    normaMenit: number;
	
	    static createFrom(source: any = {}) {
	        return new Tugas(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.uraian = source["uraian"];
	        this.satuanHasil = source["satuanHasil"];
	        this.volume = source["volume"];
	        this.periode = source["periode"];
	        this.normaMenit = source["normaMenit"];
	    }
	}

}

export namespace abksvc {
	
	export class ABK {
	    id: string;
	    tahun: number;
	    status: string;
	    catatan: string;
	    difinalkanPada: string;
	    jumlahTugas: number;
	    jumlahPosisi: number;
	
	    static createFrom(source: any = {}) {
	        return new ABK(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.tahun = source["tahun"];
	        this.status = source["status"];
	        this.catatan = source["catatan"];
	        this.difinalkanPada = source["difinalkanPada"];
	        this.jumlahTugas = source["jumlahTugas"];
	        this.jumlahPosisi = source["jumlahPosisi"];
	    }
	}
	export class BalancePoint {
	    tanggal: string;
	    index: number;
	    shareB: number;
	
	    static createFrom(source: any = {}) {
	        return new BalancePoint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tanggal = source["tanggal"];
	        this.index = source["index"];
	        this.shareB = source["shareB"];
	    }
	}
	export class GradeCount {
	    grade: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new GradeCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.grade = source["grade"];
	        this.count = source["count"];
	    }
	}
	export class HeatmapCell {
	    row: number;
	    col: number;
	    selisih: number;
	    kelebihan: number;
	    kekurangan: number;
	
	    static createFrom(source: any = {}) {
	        return new HeatmapCell(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.row = source["row"];
	        this.col = source["col"];
	        this.selisih = source["selisih"];
	        this.kelebihan = source["kelebihan"];
	        this.kekurangan = source["kekurangan"];
	    }
	}
	export class Heatmap {
	    opd: string[];
	    jenis: string[];
	    cells: HeatmapCell[];
	
	    static createFrom(source: any = {}) {
	        return new Heatmap(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.opd = source["opd"];
	        this.jenis = source["jenis"];
	        this.cells = this.convertValues(source["cells"], HeatmapCell);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class PositionRow {
	    opdId: string;
	    unitId: string;
	    jabatanId: string;
	    beban: number;
	    kebutuhan: number;
	    kebutuhanBulat: number;
	    bezetting: number;
	    selisih: number;
	    ej: number;
	    grade: string;
	    kosong: boolean;
	    tanpaAbk: boolean;
	    opdKode: string;
	    opdSingkatan: string;
	    unitKode: string;
	    unitNama: string;
	    jabatanKode: string;
	    jabatanNama: string;
	    jenisJabatan: string;
	
	    static createFrom(source: any = {}) {
	        return new PositionRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.opdId = source["opdId"];
	        this.unitId = source["unitId"];
	        this.jabatanId = source["jabatanId"];
	        this.beban = source["beban"];
	        this.kebutuhan = source["kebutuhan"];
	        this.kebutuhanBulat = source["kebutuhanBulat"];
	        this.bezetting = source["bezetting"];
	        this.selisih = source["selisih"];
	        this.ej = source["ej"];
	        this.grade = source["grade"];
	        this.kosong = source["kosong"];
	        this.tanpaAbk = source["tanpaAbk"];
	        this.opdKode = source["opdKode"];
	        this.opdSingkatan = source["opdSingkatan"];
	        this.unitKode = source["unitKode"];
	        this.unitNama = source["unitNama"];
	        this.jabatanKode = source["jabatanKode"];
	        this.jabatanNama = source["jabatanNama"];
	        this.jenisJabatan = source["jenisJabatan"];
	    }
	}
	export class UnitRow {
	    id: string;
	    kode: string;
	    nama: string;
	    parentId: string;
	    positions: PositionRow[];
	    jumlahPosisi: number;
	    beban: number;
	    kebutuhanBulat: number;
	    bezetting: number;
	    kelebihan: number;
	    kekurangan: number;
	    selisih: number;
	    eu: number;
	    grade: string;
	    kosong: number;
	    gradeCount: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new UnitRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.parentId = source["parentId"];
	        this.positions = this.convertValues(source["positions"], PositionRow);
	        this.jumlahPosisi = source["jumlahPosisi"];
	        this.beban = source["beban"];
	        this.kebutuhanBulat = source["kebutuhanBulat"];
	        this.bezetting = source["bezetting"];
	        this.kelebihan = source["kelebihan"];
	        this.kekurangan = source["kekurangan"];
	        this.selisih = source["selisih"];
	        this.eu = source["eu"];
	        this.grade = source["grade"];
	        this.kosong = source["kosong"];
	        this.gradeCount = source["gradeCount"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class OPDRow {
	    id: string;
	    kode: string;
	    nama: string;
	    singkatan: string;
	    jumlahPosisi: number;
	    beban: number;
	    kebutuhanBulat: number;
	    bezetting: number;
	    kelebihan: number;
	    kekurangan: number;
	    selisih: number;
	    eu: number;
	    grade: string;
	    kosong: number;
	    gradeCount: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new OPDRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.singkatan = source["singkatan"];
	        this.jumlahPosisi = source["jumlahPosisi"];
	        this.beban = source["beban"];
	        this.kebutuhanBulat = source["kebutuhanBulat"];
	        this.bezetting = source["bezetting"];
	        this.kelebihan = source["kelebihan"];
	        this.kekurangan = source["kekurangan"];
	        this.selisih = source["selisih"];
	        this.eu = source["eu"];
	        this.grade = source["grade"];
	        this.kosong = source["kosong"];
	        this.gradeCount = source["gradeCount"];
	    }
	}
	export class OPDDetail {
	    abk: ABK;
	    opd: OPDRow;
	    units: UnitRow[];
	
	    static createFrom(source: any = {}) {
	        return new OPDDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.abk = this.convertValues(source["abk"], ABK);
	        this.opd = this.convertValues(source["opd"], OPDRow);
	        this.units = this.convertValues(source["units"], UnitRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class PensiunYear {
	    tahun: number;
	    pensiun: number;
	    kekuranganBaru: number;
	
	    static createFrom(source: any = {}) {
	        return new PensiunYear(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tahun = source["tahun"];
	        this.pensiun = source["pensiun"];
	        this.kekuranganBaru = source["kekuranganBaru"];
	    }
	}
	export class PensiunOPD {
	    opdId: string;
	    singkatan: string;
	    nama: string;
	    tahun: PensiunYear[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new PensiunOPD(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.opdId = source["opdId"];
	        this.singkatan = source["singkatan"];
	        this.nama = source["nama"];
	        this.tahun = this.convertValues(source["tahun"], PensiunYear);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PensiunProjection {
	    tahun: number[];
	    opd: PensiunOPD[];
	
	    static createFrom(source: any = {}) {
	        return new PensiunProjection(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tahun = source["tahun"];
	        this.opd = this.convertValues(source["opd"], PensiunOPD);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class RegionView {
	    abk: ABK;
	    draft: boolean;
	    settings: abk.Settings;
	    region: abk.Aggregate;
	    balance: abk.Balance;
	    opd: OPDRow[];
	    grades: GradeCount[];
	    heatmap: Heatmap;
	    trend: BalancePoint[];
	
	    static createFrom(source: any = {}) {
	        return new RegionView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.abk = this.convertValues(source["abk"], ABK);
	        this.draft = source["draft"];
	        this.settings = this.convertValues(source["settings"], abk.Settings);
	        this.region = this.convertValues(source["region"], abk.Aggregate);
	        this.balance = this.convertValues(source["balance"], abk.Balance);
	        this.opd = this.convertValues(source["opd"], OPDRow);
	        this.grades = this.convertValues(source["grades"], GradeCount);
	        this.heatmap = this.convertValues(source["heatmap"], Heatmap);
	        this.trend = this.convertValues(source["trend"], BalancePoint);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class StagnanRow {
	    pegawaiId: string;
	    nip: string;
	    nama: string;
	    opdSingkatan: string;
	    unitNama: string;
	    jabatanNama: string;
	    tmtJabatan: string;
	    tahun: number;
	
	    static createFrom(source: any = {}) {
	        return new StagnanRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pegawaiId = source["pegawaiId"];
	        this.nip = source["nip"];
	        this.nama = source["nama"];
	        this.opdSingkatan = source["opdSingkatan"];
	        this.unitNama = source["unitNama"];
	        this.jabatanNama = source["jabatanNama"];
	        this.tmtJabatan = source["tmtJabatan"];
	        this.tahun = source["tahun"];
	    }
	}
	export class StagnanList {
	    batasTahun: number;
	    total: number;
	    rows: StagnanRow[];
	
	    static createFrom(source: any = {}) {
	        return new StagnanList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.batasTahun = source["batasTahun"];
	        this.total = source["total"];
	        this.rows = this.convertValues(source["rows"], StagnanRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class TugasRow {
	    id: string;
	    urutan: number;
	    uraian: string;
	    satuanHasil: string;
	    volume: number;
	    periode: string;
	    normaMenit: number;
	
	    static createFrom(source: any = {}) {
	        return new TugasRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.urutan = source["urutan"];
	        this.uraian = source["uraian"];
	        this.satuanHasil = source["satuanHasil"];
	        this.volume = source["volume"];
	        this.periode = source["periode"];
	        this.normaMenit = source["normaMenit"];
	    }
	}

}

export namespace auth {
	
	export class Policy {
	    maxAttempts: number;
	    lockMinutes: number;
	    idleMinutes: number;
	
	    static createFrom(source: any = {}) {
	        return new Policy(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.maxAttempts = source["maxAttempts"];
	        this.lockMinutes = source["lockMinutes"];
	        this.idleMinutes = source["idleMinutes"];
	    }
	}

}

export namespace authsvc {
	
	export class NewUser {
	    username: string;
	    nama: string;
	    role: string;
	    opdId: string;
	    pegawaiId: string;
	    password: string;
	
	    static createFrom(source: any = {}) {
	        return new NewUser(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.username = source["username"];
	        this.nama = source["nama"];
	        this.role = source["role"];
	        this.opdId = source["opdId"];
	        this.pegawaiId = source["pegawaiId"];
	        this.password = source["password"];
	    }
	}
	export class User {
	    id: string;
	    username: string;
	    nama: string;
	    role: string;
	    opdId: string;
	    pegawaiId: string;
	    aktif: boolean;
	    harusGanti: boolean;
	    terkunciSampai: string;
	
	    static createFrom(source: any = {}) {
	        return new User(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.username = source["username"];
	        this.nama = source["nama"];
	        this.role = source["role"];
	        this.opdId = source["opdId"];
	        this.pegawaiId = source["pegawaiId"];
	        this.aktif = source["aktif"];
	        this.harusGanti = source["harusGanti"];
	        this.terkunciSampai = source["terkunciSampai"];
	    }
	}
	export class Session {
	    loggedIn: boolean;
	    locked: boolean;
	    hasUsers: boolean;
	    user: User;
	    idleMinutes: number;
	    mustChange: boolean;
	    opdNama: string;
	    serverUrl: string;
	    perms: string[];
	
	    static createFrom(source: any = {}) {
	        return new Session(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.loggedIn = source["loggedIn"];
	        this.locked = source["locked"];
	        this.hasUsers = source["hasUsers"];
	        this.user = this.convertValues(source["user"], User);
	        this.idleMinutes = source["idleMinutes"];
	        this.mustChange = source["mustChange"];
	        this.opdNama = source["opdNama"];
	        this.serverUrl = source["serverUrl"];
	        this.perms = source["perms"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace backup {
	
	export class Copied {
	    file: string;
	    path: string;
	    size: number;
	    sha256: string;
	
	    static createFrom(source: any = {}) {
	        return new Copied(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.path = source["path"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	    }
	}
	export class Info {
	    file: string;
	    reason: string;
	    detail?: string;
	    // Go type: time
	    createdAt: any;
	    schemaVersion: number;
	    counts: Record<string, number>;
	    dataDate: string;
	    integrity: string;
	    size: number;
	    sha256: string;
	    millis: number;
	    path: string;
	    noManifest: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Info(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.reason = source["reason"];
	        this.detail = source["detail"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.schemaVersion = source["schemaVersion"];
	        this.counts = source["counts"];
	        this.dataDate = source["dataDate"];
	        this.integrity = source["integrity"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	        this.millis = source["millis"];
	        this.path = source["path"];
	        this.noManifest = source["noManifest"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Preview {
	    file: string;
	    reason: string;
	    detail?: string;
	    // Go type: time
	    createdAt: any;
	    schemaVersion: number;
	    counts: Record<string, number>;
	    dataDate: string;
	    integrity: string;
	    size: number;
	    sha256: string;
	    millis: number;
	    path: string;
	    noManifest: boolean;
	    schemaVersionFile: number;
	    pemda: string;
	    demo: boolean;
	    opd: number;
	    pegawai: number;
	    usulan: number;
	    latestChange: string;
	    integrityNow: string;
	    integrityOk: boolean;
	    hashOk: boolean;
	    restorable: boolean;
	    problem?: string;
	    problemEn?: string;
	    previewMillis: number;
	
	    static createFrom(source: any = {}) {
	        return new Preview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.reason = source["reason"];
	        this.detail = source["detail"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.schemaVersion = source["schemaVersion"];
	        this.counts = source["counts"];
	        this.dataDate = source["dataDate"];
	        this.integrity = source["integrity"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	        this.millis = source["millis"];
	        this.path = source["path"];
	        this.noManifest = source["noManifest"];
	        this.schemaVersionFile = source["schemaVersionFile"];
	        this.pemda = source["pemda"];
	        this.demo = source["demo"];
	        this.opd = source["opd"];
	        this.pegawai = source["pegawai"];
	        this.usulan = source["usulan"];
	        this.latestChange = source["latestChange"];
	        this.integrityNow = source["integrityNow"];
	        this.integrityOk = source["integrityOk"];
	        this.hashOk = source["hashOk"];
	        this.restorable = source["restorable"];
	        this.problem = source["problem"];
	        this.problemEn = source["problemEn"];
	        this.previewMillis = source["previewMillis"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Recovery {
	    happened: boolean;
	    // Go type: time
	    at: any;
	    cause: string;
	    causeEn: string;
	    damaged: string;
	    restored?: Info;
	    noBackup: boolean;
	    skipped: string[];
	    millis: number;
	
	    static createFrom(source: any = {}) {
	        return new Recovery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.happened = source["happened"];
	        this.at = this.convertValues(source["at"], null);
	        this.cause = source["cause"];
	        this.causeEn = source["causeEn"];
	        this.damaged = source["damaged"];
	        this.restored = this.convertValues(source["restored"], Info);
	        this.noBackup = source["noBackup"];
	        this.skipped = source["skipped"];
	        this.millis = source["millis"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Restored {
	    backup: Info;
	    keptAside: string;
	    millis: number;
	
	    static createFrom(source: any = {}) {
	        return new Restored(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.backup = this.convertValues(source["backup"], Info);
	        this.keptAside = source["keptAside"];
	        this.millis = source["millis"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace client {
	
	export class BundleResult {
	    kind: string;
	    changes?: number;
	    pull?: store.PullResult;
	    files?: number;
	    path: string;
	    updateVersion?: string;
	    updateNotice?: string;
	
	    static createFrom(source: any = {}) {
	        return new BundleResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.changes = source["changes"];
	        this.pull = this.convertValues(source["pull"], store.PullResult);
	        this.files = source["files"];
	        this.path = source["path"];
	        this.updateVersion = source["updateVersion"];
	        this.updateNotice = source["updateNotice"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Error {
	    code: string;
	    status?: number;
	    message: string;
	    messageEn: string;
	    offline: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Error(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.status = source["status"];
	        this.message = source["message"];
	        this.messageEn = source["messageEn"];
	        this.offline = source["offline"];
	    }
	}
	export class FileSummary {
	    sent: number;
	    received: number;
	    bytesSent: number;
	    bytesReceived: number;
	    waiting: number;
	    notice?: string;
	
	    static createFrom(source: any = {}) {
	        return new FileSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sent = source["sent"];
	        this.received = source["received"];
	        this.bytesSent = source["bytesSent"];
	        this.bytesReceived = source["bytesReceived"];
	        this.waiting = source["waiting"];
	        this.notice = source["notice"];
	    }
	}
	export class Summary {
	    pushed: number;
	    pulled: number;
	    conflicts: number;
	    rejected: number;
	    cursor: string;
	    pending: number;
	    serverEpoch: string;
	    requeued?: number;
	    quarantined?: number;
	    notice?: string;
	    files?: FileSummary;
	
	    static createFrom(source: any = {}) {
	        return new Summary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pushed = source["pushed"];
	        this.pulled = source["pulled"];
	        this.conflicts = source["conflicts"];
	        this.rejected = source["rejected"];
	        this.cursor = source["cursor"];
	        this.pending = source["pending"];
	        this.serverEpoch = source["serverEpoch"];
	        this.requeued = source["requeued"];
	        this.quarantined = source["quarantined"];
	        this.notice = source["notice"];
	        this.files = this.convertValues(source["files"], FileSummary);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Status {
	    configured: boolean;
	    online: boolean;
	    syncing: boolean;
	    pending: number;
	    unsent: number;
	    conflicts: number;
	    attention: number;
	    quarantined: number;
	    filesWaiting: number;
	    lastSuccess?: string;
	    dataAsOf?: string;
	    nextAttempt?: string;
	    error?: Error;
	    last?: Summary;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.configured = source["configured"];
	        this.online = source["online"];
	        this.syncing = source["syncing"];
	        this.pending = source["pending"];
	        this.unsent = source["unsent"];
	        this.conflicts = source["conflicts"];
	        this.attention = source["attention"];
	        this.quarantined = source["quarantined"];
	        this.filesWaiting = source["filesWaiting"];
	        this.lastSuccess = source["lastSuccess"];
	        this.dataAsOf = source["dataAsOf"];
	        this.nextAttempt = source["nextAttempt"];
	        this.error = this.convertValues(source["error"], Error);
	        this.last = this.convertValues(source["last"], Summary);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class UpdateStatus {
	    state: string;
	    running: string;
	    version?: string;
	    notes?: string;
	    downloaded: number;
	    size: number;
	    code?: string;
	    message?: string;
	    messageEn?: string;
	
	    static createFrom(source: any = {}) {
	        return new UpdateStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.state = source["state"];
	        this.running = source["running"];
	        this.version = source["version"];
	        this.notes = source["notes"];
	        this.downloaded = source["downloaded"];
	        this.size = source["size"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.messageEn = source["messageEn"];
	    }
	}

}

export namespace dokumen {
	
	export class Lampiran {
	    id: string;
	    usulanId: string;
	    jenis: string;
	    namaBerkas: string;
	    sha256: string;
	    ukuran: number;
	    mime: string;
	    status: string;
	    catatan: string;
	    diunggahOleh: string;
	    diunggahPada: string;
	    berkas: string;
	
	    static createFrom(source: any = {}) {
	        return new Lampiran(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.usulanId = source["usulanId"];
	        this.jenis = source["jenis"];
	        this.namaBerkas = source["namaBerkas"];
	        this.sha256 = source["sha256"];
	        this.ukuran = source["ukuran"];
	        this.mime = source["mime"];
	        this.status = source["status"];
	        this.catatan = source["catatan"];
	        this.diunggahOleh = source["diunggahOleh"];
	        this.diunggahPada = source["diunggahPada"];
	        this.berkas = source["berkas"];
	    }
	}
	export class Item {
	    kode: string;
	    nama: string;
	    namaEn: string;
	    wajib: boolean;
	    hanyaAps: boolean;
	    lampiran: Lampiran[];
	    ada: boolean;
	    sesuai: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Item(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.namaEn = source["namaEn"];
	        this.wajib = source["wajib"];
	        this.hanyaAps = source["hanyaAps"];
	        this.lampiran = this.convertValues(source["lampiran"], Lampiran);
	        this.ada = source["ada"];
	        this.sesuai = source["sesuai"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace domain {
	
	export class Date {
	    Y: number;
	    M: number;
	    D: number;
	
	    static createFrom(source: any = {}) {
	        return new Date(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Y = source["Y"];
	        this.M = source["M"];
	        this.D = source["D"];
	    }
	}
	export class Hukdis {
	    id: string;
	    pegawaiId: string;
	    tingkat: string;
	    jenis: string;
	    nomorSk: string;
	    tmt: string;
	    tanggalSelesai: string;
	    keterangan: string;
	
	    static createFrom(source: any = {}) {
	        return new Hukdis(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.pegawaiId = source["pegawaiId"];
	        this.tingkat = source["tingkat"];
	        this.jenis = source["jenis"];
	        this.nomorSk = source["nomorSk"];
	        this.tmt = source["tmt"];
	        this.tanggalSelesai = source["tanggalSelesai"];
	        this.keterangan = source["keterangan"];
	    }
	}
	export class Jabatan {
	    id: string;
	    kode: string;
	    nama: string;
	    jenis: string;
	    jenjang: string;
	    kelas: number;
	    minPendidikan: number;
	    jurusan: string[];
	    golonganMin: number;
	    golonganMax: number;
	    bup: number;
	
	    static createFrom(source: any = {}) {
	        return new Jabatan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.jenis = source["jenis"];
	        this.jenjang = source["jenjang"];
	        this.kelas = source["kelas"];
	        this.minPendidikan = source["minPendidikan"];
	        this.jurusan = source["jurusan"];
	        this.golonganMin = source["golonganMin"];
	        this.golonganMax = source["golonganMax"];
	        this.bup = source["bup"];
	    }
	}
	export class OPD {
	    id: string;
	    pemdaId: string;
	    kode: string;
	    nama: string;
	    singkatan: string;
	    jenis: string;
	    alamat: string;
	
	    static createFrom(source: any = {}) {
	        return new OPD(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.pemdaId = source["pemdaId"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.singkatan = source["singkatan"];
	        this.jenis = source["jenis"];
	        this.alamat = source["alamat"];
	    }
	}
	export class Pegawai {
	    id: string;
	    nip: string;
	    nama: string;
	    gelarDepan: string;
	    gelarBelakang: string;
	    jenisKelamin: string;
	    tempatLahir: string;
	    tanggalLahir: string;
	    status: string;
	    golongan: number;
	    golonganPppk: number;
	    pendidikan: number;
	    jurusan: string;
	    opdId: string;
	    unitId: string;
	    jabatanId: string;
	    tmtJabatan: string;
	    tmtCpns: string;
	    tmtPns: string;
	    keluarPada: string;
	    instansiTujuan: string;
	
	    static createFrom(source: any = {}) {
	        return new Pegawai(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.nip = source["nip"];
	        this.nama = source["nama"];
	        this.gelarDepan = source["gelarDepan"];
	        this.gelarBelakang = source["gelarBelakang"];
	        this.jenisKelamin = source["jenisKelamin"];
	        this.tempatLahir = source["tempatLahir"];
	        this.tanggalLahir = source["tanggalLahir"];
	        this.status = source["status"];
	        this.golongan = source["golongan"];
	        this.golonganPppk = source["golonganPppk"];
	        this.pendidikan = source["pendidikan"];
	        this.jurusan = source["jurusan"];
	        this.opdId = source["opdId"];
	        this.unitId = source["unitId"];
	        this.jabatanId = source["jabatanId"];
	        this.tmtJabatan = source["tmtJabatan"];
	        this.tmtCpns = source["tmtCpns"];
	        this.tmtPns = source["tmtPns"];
	        this.keluarPada = source["keluarPada"];
	        this.instansiTujuan = source["instansiTujuan"];
	    }
	}
	export class Pemda {
	    id: string;
	    kode: string;
	    nama: string;
	
	    static createFrom(source: any = {}) {
	        return new Pemda(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	    }
	}
	export class SKP {
	    id: string;
	    pegawaiId: string;
	    tahun: number;
	    predikat: string;
	
	    static createFrom(source: any = {}) {
	        return new SKP(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.pegawaiId = source["pegawaiId"];
	        this.tahun = source["tahun"];
	        this.predikat = source["predikat"];
	    }
	}
	export class Unit {
	    id: string;
	    opdId: string;
	    parentId: string;
	    kode: string;
	    nama: string;
	
	    static createFrom(source: any = {}) {
	        return new Unit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.opdId = source["opdId"];
	        this.parentId = source["parentId"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	    }
	}

}

export namespace eligibility {
	
	export class Params {
	    mut03MinTahun: number;
	    mut04MaxTahun: number;
	    mut05Tahun: number;
	    mut05KohortMulai: number;
	    mut06RinganBulan: number;
	    mut06SedangBulan: number;
	    mut06BeratBulan: number;
	    mut10JumlahTahun: number;
	    mut10MinPredikat: string;
	    mut12KelasDelta: number;
	    mut21LintasJenis: boolean;
	    mut13EjMin: number;
	    mut15MinTahun: number;
	    mut16Derajat: number;
	    mut19JendelaBulan: number;
	    mut19Pelantikan: string;
	    mut19PenetapanPaslon: string;
	    mut19AkhirMasaJabatan: string;
	    mut20Tahun: number;
	    severitas: Record<string, any>;
	
	    static createFrom(source: any = {}) {
	        return new Params(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mut03MinTahun = source["mut03MinTahun"];
	        this.mut04MaxTahun = source["mut04MaxTahun"];
	        this.mut05Tahun = source["mut05Tahun"];
	        this.mut05KohortMulai = source["mut05KohortMulai"];
	        this.mut06RinganBulan = source["mut06RinganBulan"];
	        this.mut06SedangBulan = source["mut06SedangBulan"];
	        this.mut06BeratBulan = source["mut06BeratBulan"];
	        this.mut10JumlahTahun = source["mut10JumlahTahun"];
	        this.mut10MinPredikat = source["mut10MinPredikat"];
	        this.mut12KelasDelta = source["mut12KelasDelta"];
	        this.mut21LintasJenis = source["mut21LintasJenis"];
	        this.mut13EjMin = source["mut13EjMin"];
	        this.mut15MinTahun = source["mut15MinTahun"];
	        this.mut16Derajat = source["mut16Derajat"];
	        this.mut19JendelaBulan = source["mut19JendelaBulan"];
	        this.mut19Pelantikan = source["mut19Pelantikan"];
	        this.mut19PenetapanPaslon = source["mut19PenetapanPaslon"];
	        this.mut19AkhirMasaJabatan = source["mut19AkhirMasaJabatan"];
	        this.mut20Tahun = source["mut20Tahun"];
	        this.severitas = source["severitas"];
	    }
	}
	export class Result {
	    ruleId: string;
	    severity: string;
	    outcome: string;
	    values: Record<string, string>;
	    message: string;
	    messageEn: string;
	    source: string;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ruleId = source["ruleId"];
	        this.severity = source["severity"];
	        this.outcome = source["outcome"];
	        this.values = source["values"];
	        this.message = source["message"];
	        this.messageEn = source["messageEn"];
	        this.source = source["source"];
	    }
	}
	export class Template {
	    outcome: string;
	    variant: string;
	    id: string;
	    en: string;
	
	    static createFrom(source: any = {}) {
	        return new Template(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.outcome = source["outcome"];
	        this.variant = source["variant"];
	        this.id = source["id"];
	        this.en = source["en"];
	    }
	}
	export class SeverityCase {
	    severity: string;
	    when: string;
	    whenEn: string;
	
	    static createFrom(source: any = {}) {
	        return new SeverityCase(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.severity = source["severity"];
	        this.when = source["when"];
	        this.whenEn = source["whenEn"];
	    }
	}
	export class Rule {
	    id: string;
	    judul: string;
	    judulEn: string;
	    pernyataan: string;
	    statementEn: string;
	    severity: string;
	    split: SeverityCase[];
	    params: string[];
	    messages: Template[];
	    source: string;
	    confidence: string;
	    plannerExcludes: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Rule(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.judul = source["judul"];
	        this.judulEn = source["judulEn"];
	        this.pernyataan = source["pernyataan"];
	        this.statementEn = source["statementEn"];
	        this.severity = source["severity"];
	        this.split = this.convertValues(source["split"], SeverityCase);
	        this.params = source["params"];
	        this.messages = this.convertValues(source["messages"], Template);
	        this.source = source["source"];
	        this.confidence = source["confidence"];
	        this.plannerExcludes = source["plannerExcludes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	

}

export namespace evaluasi {
	
	export class DueCount {
	    jatuhTempo: number;
	    terlambat: number;
	    segera: number;
	
	    static createFrom(source: any = {}) {
	        return new DueCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.jatuhTempo = source["jatuhTempo"];
	        this.terlambat = source["terlambat"];
	        this.segera = source["segera"];
	    }
	}
	export class DueItem {
	    usulanId: string;
	    nomor: string;
	    pegawaiId: string;
	    nip: string;
	    namaPegawai: string;
	    jenis: string;
	    tmt: string;
	    opdAsalId: string;
	    opdAsal: string;
	    unitAsalId: string;
	    jabatanAsalId: string;
	    opdTujuanId: string;
	    opdTujuan: string;
	    unitTujuanId: string;
	    unitTujuan: string;
	    jabatanId: string;
	    jabatan: string;
	    bulan: number;
	    responden: string;
	    jatuhTempo: string;
	    selesai: boolean;
	    diisiPada: string;
	    diisiDiPortal: boolean;
	    terlambat: boolean;
	    hariTerlambat: number;
	    sudahJatuhTempo: boolean;
	
	    static createFrom(source: any = {}) {
	        return new DueItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.usulanId = source["usulanId"];
	        this.nomor = source["nomor"];
	        this.pegawaiId = source["pegawaiId"];
	        this.nip = source["nip"];
	        this.namaPegawai = source["namaPegawai"];
	        this.jenis = source["jenis"];
	        this.tmt = source["tmt"];
	        this.opdAsalId = source["opdAsalId"];
	        this.opdAsal = source["opdAsal"];
	        this.unitAsalId = source["unitAsalId"];
	        this.jabatanAsalId = source["jabatanAsalId"];
	        this.opdTujuanId = source["opdTujuanId"];
	        this.opdTujuan = source["opdTujuan"];
	        this.unitTujuanId = source["unitTujuanId"];
	        this.unitTujuan = source["unitTujuan"];
	        this.jabatanId = source["jabatanId"];
	        this.jabatan = source["jabatan"];
	        this.bulan = source["bulan"];
	        this.responden = source["responden"];
	        this.jatuhTempo = source["jatuhTempo"];
	        this.selesai = source["selesai"];
	        this.diisiPada = source["diisiPada"];
	        this.diisiDiPortal = source["diisiDiPortal"];
	        this.terlambat = source["terlambat"];
	        this.hariTerlambat = source["hariTerlambat"];
	        this.sudahJatuhTempo = source["sudahJatuhTempo"];
	    }
	}
	export class EJTahun {
	    abkTahun: number;
	    abkStatus: string;
	    ej: number;
	    ejAda: boolean;
	    unitEu: number;
	    unitAda: boolean;
	    grade: string;
	    keterangan: string;
	
	    static createFrom(source: any = {}) {
	        return new EJTahun(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.abkTahun = source["abkTahun"];
	        this.abkStatus = source["abkStatus"];
	        this.ej = source["ej"];
	        this.ejAda = source["ejAda"];
	        this.unitEu = source["unitEu"];
	        this.unitAda = source["unitAda"];
	        this.grade = source["grade"];
	        this.keterangan = source["keterangan"];
	    }
	}
	export class SKPTahun {
	    tahun: number;
	    predikat: string;
	    label: string;
	    keterangan: string;
	
	    static createFrom(source: any = {}) {
	        return new SKPTahun(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tahun = source["tahun"];
	        this.predikat = source["predikat"];
	        this.label = source["label"];
	        this.keterangan = source["keterangan"];
	    }
	}
	export class Konteks {
	    skpSebelum: SKPTahun;
	    skpSesudah: SKPTahun;
	    ejSebelum: EJTahun;
	    ejSesudah: EJTahun;
	    catatan: string;
	
	    static createFrom(source: any = {}) {
	        return new Konteks(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.skpSebelum = this.convertValues(source["skpSebelum"], SKPTahun);
	        this.skpSesudah = this.convertValues(source["skpSesudah"], SKPTahun);
	        this.ejSebelum = this.convertValues(source["ejSebelum"], EJTahun);
	        this.ejSesudah = this.convertValues(source["ejSesudah"], EJTahun);
	        this.catatan = source["catatan"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Question {
	    id: string;
	    kode: string;
	    untuk: string;
	    teks: string;
	    teksEn: string;
	    jenis: string;
	    urutan: number;
	    aktif: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Question(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kode = source["kode"];
	        this.untuk = source["untuk"];
	        this.teks = source["teks"];
	        this.teksEn = source["teksEn"];
	        this.jenis = source["jenis"];
	        this.urutan = source["urutan"];
	        this.aktif = source["aktif"];
	    }
	}
	export class Form {
	    item: DueItem;
	    questions: Question[];
	    jawaban: Record<string, string>;
	    konteks: Konteks;
	
	    static createFrom(source: any = {}) {
	        return new Form(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.item = this.convertValues(source["item"], DueItem);
	        this.questions = this.convertValues(source["questions"], Question);
	        this.jawaban = source["jawaban"];
	        this.konteks = this.convertValues(source["konteks"], Konteks);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class GroupRow {
	    kunci: string;
	    nama: string;
	    due: number;
	    done: number;
	    rerata: Record<string, number>;
	    n: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new GroupRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kunci = source["kunci"];
	        this.nama = source["nama"];
	        this.due = source["due"];
	        this.done = source["done"];
	        this.rerata = source["rerata"];
	        this.n = source["n"];
	    }
	}
	
	
	export class Report {
	    groupBy: string;
	    questions: Question[];
	    rows: GroupRow[];
	    total: GroupRow;
	    tanggal: string;
	
	    static createFrom(source: any = {}) {
	        return new Report(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.groupBy = source["groupBy"];
	        this.questions = this.convertValues(source["questions"], Question);
	        this.rows = this.convertValues(source["rows"], GroupRow);
	        this.total = this.convertValues(source["total"], GroupRow);
	        this.tanggal = source["tanggal"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace importer {
	
	export class Field {
	    key: string;
	    label: string;
	    labelEn: string;
	    required: boolean;
	    hint: string;
	
	    static createFrom(source: any = {}) {
	        return new Field(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.labelEn = source["labelEn"];
	        this.required = source["required"];
	        this.hint = source["hint"];
	    }
	}
	export class Mapping {
	    sheet: string;
	    columns: Record<string, number>;
	    headerRow?: number;
	    locale?: string;
	
	    static createFrom(source: any = {}) {
	        return new Mapping(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sheet = source["sheet"];
	        this.columns = source["columns"];
	        this.headerRow = source["headerRow"];
	        this.locale = source["locale"];
	    }
	}
	export class Notice {
	    code: string;
	    message: string;
	    messageEn: string;
	
	    static createFrom(source: any = {}) {
	        return new Notice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.message = source["message"];
	        this.messageEn = source["messageEn"];
	    }
	}
	export class TopLine {
	    line: number;
	    cells: string[];
	
	    static createFrom(source: any = {}) {
	        return new TopLine(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.cells = source["cells"];
	    }
	}
	export class Preview {
	    kind: string;
	    file: string;
	    sheet: string;
	    sheets: string[];
	    headers: string[];
	    rows: string[][];
	    rowCount: number;
	    fields: Field[];
	    mapping: Mapping;
	    missing: string[];
	    headerRow: number;
	    top: TopLine[];
	    notices: Notice[];
	
	    static createFrom(source: any = {}) {
	        return new Preview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.file = source["file"];
	        this.sheet = source["sheet"];
	        this.sheets = source["sheets"];
	        this.headers = source["headers"];
	        this.rows = source["rows"];
	        this.rowCount = source["rowCount"];
	        this.fields = this.convertValues(source["fields"], Field);
	        this.mapping = this.convertValues(source["mapping"], Mapping);
	        this.missing = source["missing"];
	        this.headerRow = source["headerRow"];
	        this.top = this.convertValues(source["top"], TopLine);
	        this.notices = this.convertValues(source["notices"], Notice);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Reason {
	    field: string;
	    column: string;
	    value: string;
	    code: string;
	    message: string;
	    messageEn: string;
	
	    static createFrom(source: any = {}) {
	        return new Reason(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.column = source["column"];
	        this.value = source["value"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.messageEn = source["messageEn"];
	    }
	}
	export class RowError {
	    line: number;
	    reasons: Reason[];
	
	    static createFrom(source: any = {}) {
	        return new RowError(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.reasons = this.convertValues(source["reasons"], Reason);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Report {
	    kind: string;
	    file: string;
	    sheet: string;
	    total: number;
	    valid: number;
	    failed: number;
	    errors: RowError[];
	    dryRun: boolean;
	    committed: boolean;
	    stored: number;
	    positions: number;
	    millis: number;
	    notices: Notice[];
	
	    static createFrom(source: any = {}) {
	        return new Report(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.file = source["file"];
	        this.sheet = source["sheet"];
	        this.total = source["total"];
	        this.valid = source["valid"];
	        this.failed = source["failed"];
	        this.errors = this.convertValues(source["errors"], RowError);
	        this.dryRun = source["dryRun"];
	        this.committed = source["committed"];
	        this.stored = source["stored"];
	        this.positions = source["positions"];
	        this.millis = source["millis"];
	        this.notices = this.convertValues(source["notices"], Notice);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	

}

export namespace kepegawaian {
	
	export class Count {
	    key: string;
	    label: string;
	    labelEn: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new Count(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.labelEn = source["labelEn"];
	        this.count = source["count"];
	    }
	}
	export class OPDHeadcount {
	    id: string;
	    kode: string;
	    nama: string;
	    singkatan: string;
	    jenis: string;
	    alamat: string;
	    unit: number;
	    pegawai: number;
	    pns: number;
	    cpns: number;
	    pppk: number;
	
	    static createFrom(source: any = {}) {
	        return new OPDHeadcount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.singkatan = source["singkatan"];
	        this.jenis = source["jenis"];
	        this.alamat = source["alamat"];
	        this.unit = source["unit"];
	        this.pegawai = source["pegawai"];
	        this.pns = source["pns"];
	        this.cpns = source["cpns"];
	        this.pppk = source["pppk"];
	    }
	}
	export class Dashboard {
	    pemdaNama: string;
	    demo: boolean;
	    jumlahPegawai: number;
	    jumlahOpd: number;
	    jumlahUnit: number;
	    jumlahJabatan: number;
	    perStatus: Count[];
	    perGolongan: Count[];
	    perJenis: Count[];
	    perOpd: OPDHeadcount[];
	
	    static createFrom(source: any = {}) {
	        return new Dashboard(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pemdaNama = source["pemdaNama"];
	        this.demo = source["demo"];
	        this.jumlahPegawai = source["jumlahPegawai"];
	        this.jumlahOpd = source["jumlahOpd"];
	        this.jumlahUnit = source["jumlahUnit"];
	        this.jumlahJabatan = source["jumlahJabatan"];
	        this.perStatus = this.convertValues(source["perStatus"], Count);
	        this.perGolongan = this.convertValues(source["perGolongan"], Count);
	        this.perJenis = this.convertValues(source["perJenis"], Count);
	        this.perOpd = this.convertValues(source["perOpd"], OPDHeadcount);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DemoResult {
	    pegawai: number;
	    opd: number;
	    unit: number;
	    jabatan: number;
	    checksum: string;
	    millis: number;
	
	    static createFrom(source: any = {}) {
	        return new DemoResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pegawai = source["pegawai"];
	        this.opd = source["opd"];
	        this.unit = source["unit"];
	        this.jabatan = source["jabatan"];
	        this.checksum = source["checksum"];
	        this.millis = source["millis"];
	    }
	}
	export class JabatanHeld {
	    jabatanId: string;
	    nama: string;
	    jenis: string;
	    kelas: number;
	    bezetting: number;
	
	    static createFrom(source: any = {}) {
	        return new JabatanHeld(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.jabatanId = source["jabatanId"];
	        this.nama = source["nama"];
	        this.jenis = source["jenis"];
	        this.kelas = source["kelas"];
	        this.bezetting = source["bezetting"];
	    }
	}
	export class JabatanRow {
	    id: string;
	    kode: string;
	    nama: string;
	    jenis: string;
	    jenjang: string;
	    kelas: number;
	    minPendidikan: number;
	    jurusan: string[];
	    golonganMin: number;
	    golonganMax: number;
	    bup: number;
	    golonganRange: string;
	    pendidikanLabel: string;
	    pegawai: number;
	
	    static createFrom(source: any = {}) {
	        return new JabatanRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.jenis = source["jenis"];
	        this.jenjang = source["jenjang"];
	        this.kelas = source["kelas"];
	        this.minPendidikan = source["minPendidikan"];
	        this.jurusan = source["jurusan"];
	        this.golonganMin = source["golonganMin"];
	        this.golonganMax = source["golonganMax"];
	        this.bup = source["bup"];
	        this.golonganRange = source["golonganRange"];
	        this.pendidikanLabel = source["pendidikanLabel"];
	        this.pegawai = source["pegawai"];
	    }
	}
	
	export class UnitNode {
	    id: string;
	    opdId: string;
	    parentId: string;
	    kode: string;
	    nama: string;
	    pegawai: number;
	    total: number;
	    jabatan: JabatanHeld[];
	    children: UnitNode[];
	
	    static createFrom(source: any = {}) {
	        return new UnitNode(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.opdId = source["opdId"];
	        this.parentId = source["parentId"];
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.pegawai = source["pegawai"];
	        this.total = source["total"];
	        this.jabatan = this.convertValues(source["jabatan"], JabatanHeld);
	        this.children = this.convertValues(source["children"], UnitNode);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class OPDTree {
	    opd: OPDHeadcount;
	    units: UnitNode[];
	
	    static createFrom(source: any = {}) {
	        return new OPDTree(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.opd = this.convertValues(source["opd"], OPDHeadcount);
	        this.units = this.convertValues(source["units"], UnitNode);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Option {
	    value: string;
	    label: string;
	    labelEn: string;
	
	    static createFrom(source: any = {}) {
	        return new Option(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.label = source["label"];
	        this.labelEn = source["labelEn"];
	    }
	}
	export class RiwayatRow {
	    id: string;
	    pegawaiId: string;
	    opdId: string;
	    unitId: string;
	    jabatanId: string;
	    tmt: string;
	    tanggalSelesai: string;
	    nomorSk: string;
	    keterangan: string;
	    opdNama: string;
	    unitNama: string;
	    jabatanNama: string;
	
	    static createFrom(source: any = {}) {
	        return new RiwayatRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.pegawaiId = source["pegawaiId"];
	        this.opdId = source["opdId"];
	        this.unitId = source["unitId"];
	        this.jabatanId = source["jabatanId"];
	        this.tmt = source["tmt"];
	        this.tanggalSelesai = source["tanggalSelesai"];
	        this.nomorSk = source["nomorSk"];
	        this.keterangan = source["keterangan"];
	        this.opdNama = source["opdNama"];
	        this.unitNama = source["unitNama"];
	        this.jabatanNama = source["jabatanNama"];
	    }
	}
	export class PegawaiDetail {
	    pegawai: domain.Pegawai;
	    namaLengkap: string;
	    opdNama: string;
	    unitNama: string;
	    jabatanNama: string;
	    jenisJabatan: string;
	    golonganLabel: string;
	    pangkat: string;
	    pendidikanLabel: string;
	    umur: number;
	    masaJabatan: number;
	    bup: number;
	    tanggalPensiun: string;
	    riwayat: RiwayatRow[];
	    skp: domain.SKP[];
	    hukdis: domain.Hukdis[];
	
	    static createFrom(source: any = {}) {
	        return new PegawaiDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pegawai = this.convertValues(source["pegawai"], domain.Pegawai);
	        this.namaLengkap = source["namaLengkap"];
	        this.opdNama = source["opdNama"];
	        this.unitNama = source["unitNama"];
	        this.jabatanNama = source["jabatanNama"];
	        this.jenisJabatan = source["jenisJabatan"];
	        this.golonganLabel = source["golonganLabel"];
	        this.pangkat = source["pangkat"];
	        this.pendidikanLabel = source["pendidikanLabel"];
	        this.umur = source["umur"];
	        this.masaJabatan = source["masaJabatan"];
	        this.bup = source["bup"];
	        this.tanggalPensiun = source["tanggalPensiun"];
	        this.riwayat = this.convertValues(source["riwayat"], RiwayatRow);
	        this.skp = this.convertValues(source["skp"], domain.SKP);
	        this.hukdis = this.convertValues(source["hukdis"], domain.Hukdis);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PegawaiRow {
	    id: string;
	    nip: string;
	    namaLengkap: string;
	    status: string;
	    golongan: string;
	    jabatanNama: string;
	    jenisJabatan: string;
	    opdId: string;
	    opdSingkatan: string;
	    unitNama: string;
	    tmtJabatan: string;
	    jenisKelamin: string;
	    keluarPada: string;
	    instansiTujuan: string;
	
	    static createFrom(source: any = {}) {
	        return new PegawaiRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.nip = source["nip"];
	        this.namaLengkap = source["namaLengkap"];
	        this.status = source["status"];
	        this.golongan = source["golongan"];
	        this.jabatanNama = source["jabatanNama"];
	        this.jenisJabatan = source["jenisJabatan"];
	        this.opdId = source["opdId"];
	        this.opdSingkatan = source["opdSingkatan"];
	        this.unitNama = source["unitNama"];
	        this.tmtJabatan = source["tmtJabatan"];
	        this.jenisKelamin = source["jenisKelamin"];
	        this.keluarPada = source["keluarPada"];
	        this.instansiTujuan = source["instansiTujuan"];
	    }
	}
	export class PegawaiPage {
	    total: number;
	    offset: number;
	    rows: PegawaiRow[];
	
	    static createFrom(source: any = {}) {
	        return new PegawaiPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.offset = source["offset"];
	        this.rows = this.convertValues(source["rows"], PegawaiRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PegawaiQuery {
	    search: string;
	    opdId: string;
	    unitId: string;
	    jabatanId: string;
	    golongan: string;
	    jenisJabatan: string;
	    status: string;
	    sort: string;
	    desc: boolean;
	    offset: number;
	    limit: number;
	    termasukKeluar: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PegawaiQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.search = source["search"];
	        this.opdId = source["opdId"];
	        this.unitId = source["unitId"];
	        this.jabatanId = source["jabatanId"];
	        this.golongan = source["golongan"];
	        this.jenisJabatan = source["jenisJabatan"];
	        this.status = source["status"];
	        this.sort = source["sort"];
	        this.desc = source["desc"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	        this.termasukKeluar = source["termasukKeluar"];
	    }
	}
	
	export class Reference {
	    golongan: Option[];
	    golonganPppk: Option[];
	    pendidikan: Option[];
	    jenisJabatan: Option[];
	    jenjang: Option[];
	    jenisOpd: Option[];
	    status: Option[];
	    jenisKelamin: Option[];
	    skpPredikat: Option[];
	    tingkatHukdis: Option[];
	
	    static createFrom(source: any = {}) {
	        return new Reference(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.golongan = this.convertValues(source["golongan"], Option);
	        this.golonganPppk = this.convertValues(source["golonganPppk"], Option);
	        this.pendidikan = this.convertValues(source["pendidikan"], Option);
	        this.jenisJabatan = this.convertValues(source["jenisJabatan"], Option);
	        this.jenjang = this.convertValues(source["jenjang"], Option);
	        this.jenisOpd = this.convertValues(source["jenisOpd"], Option);
	        this.status = this.convertValues(source["status"], Option);
	        this.jenisKelamin = this.convertValues(source["jenisKelamin"], Option);
	        this.skpPredikat = this.convertValues(source["skpPredikat"], Option);
	        this.tingkatHukdis = this.convertValues(source["tingkatHukdis"], Option);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Status {
	    firstRun: boolean;
	    dataDir: string;
	    schemaVersion: number;
	    deviceId: string;
	    appVersion: string;
	    pemdaNama: string;
	    demo: boolean;
	    jumlahPegawai: number;
	    pendingChanges: number;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.firstRun = source["firstRun"];
	        this.dataDir = source["dataDir"];
	        this.schemaVersion = source["schemaVersion"];
	        this.deviceId = source["deviceId"];
	        this.appVersion = source["appVersion"];
	        this.pemdaNama = source["pemdaNama"];
	        this.demo = source["demo"];
	        this.jumlahPegawai = source["jumlahPegawai"];
	        this.pendingChanges = source["pendingChanges"];
	    }
	}

}

export namespace main {
	
	export class BackupList {
	    backups: backup.Info[];
	    keep: number;
	    dir: string;
	
	    static createFrom(source: any = {}) {
	        return new BackupList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.backups = this.convertValues(source["backups"], backup.Info);
	        this.keep = source["keep"];
	        this.dir = source["dir"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EnrollCodeDTO {
	    code: string;
	    expiresAt: string;
	    enrollment: string;
	
	    static createFrom(source: any = {}) {
	        return new EnrollCodeDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.expiresAt = source["expiresAt"];
	        this.enrollment = source["enrollment"];
	    }
	}
	export class SyncSettingsDTO {
	    serverUrl: string;
	    token?: string;
	    tokenSet: boolean;
	    intervalMinutes: number;
	    retainDays: number;
	    deviceId: string;
	    serverDevice: string;
	    enrolledOpd: string;
	    tokenExpires: string;
	    caFingerprint: string;
	
	    static createFrom(source: any = {}) {
	        return new SyncSettingsDTO(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.serverUrl = source["serverUrl"];
	        this.token = source["token"];
	        this.tokenSet = source["tokenSet"];
	        this.intervalMinutes = source["intervalMinutes"];
	        this.retainDays = source["retainDays"];
	        this.deviceId = source["deviceId"];
	        this.serverDevice = source["serverDevice"];
	        this.enrolledOpd = source["enrolledOpd"];
	        this.tokenExpires = source["tokenExpires"];
	        this.caFingerprint = source["caFingerprint"];
	    }
	}

}

export namespace mutasi {
	
	export class Letter {
	    nomor: string;
	    tanggal: string;
	
	    static createFrom(source: any = {}) {
	        return new Letter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.nomor = source["nomor"];
	        this.tanggal = source["tanggal"];
	    }
	}
	export class Placement {
	    opdId: string;
	    unitId: string;
	    jabatanId: string;
	    instansi?: string;
	
	    static createFrom(source: any = {}) {
	        return new Placement(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.opdId = source["opdId"];
	        this.unitId = source["unitId"];
	        this.jabatanId = source["jabatanId"];
	        this.instansi = source["instansi"];
	    }
	}
	export class PlacementChange {
	    kind: string;
	    requestId: string;
	    pegawaiId: string;
	    from: Placement;
	    to: Placement;
	    tmt: string;
	    closeOn: string;
	    tmtJabatan: string;
	    nomorSk: string;
	    keterangan: string;
	
	    static createFrom(source: any = {}) {
	        return new PlacementChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.requestId = source["requestId"];
	        this.pegawaiId = source["pegawaiId"];
	        this.from = this.convertValues(source["from"], Placement);
	        this.to = this.convertValues(source["to"], Placement);
	        this.tmt = source["tmt"];
	        this.closeOn = source["closeOn"];
	        this.tmtJabatan = source["tmtJabatan"];
	        this.nomorSk = source["nomorSk"];
	        this.keterangan = source["keterangan"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Request {
	    id: string;
	    pegawaiId: string;
	    type: string;
	    aps: boolean;
	    reason: string;
	    source: Placement;
	    sourceTmt: string;
	    targets: Placement[];
	
	    static createFrom(source: any = {}) {
	        return new Request(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.pegawaiId = source["pegawaiId"];
	        this.type = source["type"];
	        this.aps = source["aps"];
	        this.reason = source["reason"];
	        this.source = this.convertValues(source["source"], Placement);
	        this.sourceTmt = source["sourceTmt"];
	        this.targets = this.convertValues(source["targets"], Placement);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RuleSnapshot {
	    ruleId: string;
	    severity: string;
	    outcome: string;
	    message: string;
	    messageEn?: string;
	    source?: string;
	    values?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new RuleSnapshot(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ruleId = source["ruleId"];
	        this.severity = source["severity"];
	        this.outcome = source["outcome"];
	        this.message = source["message"];
	        this.messageEn = source["messageEn"];
	        this.source = source["source"];
	        this.values = source["values"];
	    }
	}
	export class SK {
	    nomor: string;
	    tanggal: string;
	    tmt: string;
	
	    static createFrom(source: any = {}) {
	        return new SK(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.nomor = source["nomor"];
	        this.tanggal = source["tanggal"];
	        this.tmt = source["tmt"];
	    }
	}
	export class State {
	    requestId: string;
	    status: string;
	    seq: number;
	    request: Request;
	    createdBy: string;
	    proposers: string[];
	    targetIndex: number;
	    eligibility?: RuleSnapshot[];
	    blocked: boolean;
	    sk?: SK;
	    pertek?: Letter;
	    executed?: PlacementChange;
	    reversal?: PlacementChange;
	    returns: number;
	    lastReason: string;
	
	    static createFrom(source: any = {}) {
	        return new State(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.requestId = source["requestId"];
	        this.status = source["status"];
	        this.seq = source["seq"];
	        this.request = this.convertValues(source["request"], Request);
	        this.createdBy = source["createdBy"];
	        this.proposers = source["proposers"];
	        this.targetIndex = source["targetIndex"];
	        this.eligibility = this.convertValues(source["eligibility"], RuleSnapshot);
	        this.blocked = source["blocked"];
	        this.sk = this.convertValues(source["sk"], SK);
	        this.pertek = this.convertValues(source["pertek"], Letter);
	        this.executed = this.convertValues(source["executed"], PlacementChange);
	        this.reversal = this.convertValues(source["reversal"], PlacementChange);
	        this.returns = source["returns"];
	        this.lastReason = source["lastReason"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace mutasisvc {
	
	export class BulkItem {
	    id: string;
	    ok: boolean;
	    code: string;
	    message: string;
	    messageEn: string;
	
	    static createFrom(source: any = {}) {
	        return new BulkItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.messageEn = source["messageEn"];
	    }
	}
	export class CheckInput {
	    pegawaiId: string;
	    jenis: string;
	    aps: boolean;
	    target: mutasi.Placement;
	    tanggal: string;
	
	    static createFrom(source: any = {}) {
	        return new CheckInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pegawaiId = source["pegawaiId"];
	        this.jenis = source["jenis"];
	        this.aps = source["aps"];
	        this.target = this.convertValues(source["target"], mutasi.Placement);
	        this.tanggal = source["tanggal"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PlacementLabel {
	    opdId: string;
	    unitId: string;
	    jabatanId: string;
	    instansi?: string;
	    opdNama: string;
	    opdSingkatan: string;
	    unitNama: string;
	    jabatanNama: string;
	
	    static createFrom(source: any = {}) {
	        return new PlacementLabel(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.opdId = source["opdId"];
	        this.unitId = source["unitId"];
	        this.jabatanId = source["jabatanId"];
	        this.instansi = source["instansi"];
	        this.opdNama = source["opdNama"];
	        this.opdSingkatan = source["opdSingkatan"];
	        this.unitNama = source["unitNama"];
	        this.jabatanNama = source["jabatanNama"];
	    }
	}
	export class CheckResult {
	    rules: eligibility.Result[];
	    blocked: boolean;
	    warnings: number;
	    pegawai: kepegawaian.PegawaiRow;
	    targetLabel: PlacementLabel;
	
	    static createFrom(source: any = {}) {
	        return new CheckResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rules = this.convertValues(source["rules"], eligibility.Result);
	        this.blocked = source["blocked"];
	        this.warnings = source["warnings"];
	        this.pegawai = this.convertValues(source["pegawai"], kepegawaian.PegawaiRow);
	        this.targetLabel = this.convertValues(source["targetLabel"], PlacementLabel);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Decision {
	    kind: string;
	    note: string;
	    targetIndex: number;
	    sk?: mutasi.SK;
	    pertek?: mutasi.Letter;
	    justifikasi?: string;
	
	    static createFrom(source: any = {}) {
	        return new Decision(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.note = source["note"];
	        this.targetIndex = source["targetIndex"];
	        this.sk = this.convertValues(source["sk"], mutasi.SK);
	        this.pertek = this.convertValues(source["pertek"], mutasi.Letter);
	        this.justifikasi = source["justifikasi"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EventView {
	    id: string;
	    requestId: string;
	    seq: number;
	    kind: string;
	    // Go type: mutasi
	    actor: any;
	    // Go type: time
	    time: any;
	    note: string;
	    // Go type: mutasi
	    payload: any;
	    actorLabel: string;
	    ditolak: boolean;
	    pemenang?: string;
	    alasanTolak?: string;
	    alasanTolakEn?: string;
	
	    static createFrom(source: any = {}) {
	        return new EventView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.requestId = source["requestId"];
	        this.seq = source["seq"];
	        this.kind = source["kind"];
	        this.actor = this.convertValues(source["actor"], null);
	        this.time = this.convertValues(source["time"], null);
	        this.note = source["note"];
	        this.payload = this.convertValues(source["payload"], null);
	        this.actorLabel = source["actorLabel"];
	        this.ditolak = source["ditolak"];
	        this.pemenang = source["pemenang"];
	        this.alasanTolak = source["alasanTolak"];
	        this.alasanTolakEn = source["alasanTolakEn"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class GateDokumenItem {
	    kode: string;
	    nama: string;
	    namaEn: string;
	    hanyaAps: boolean;
	    ada: boolean;
	
	    static createFrom(source: any = {}) {
	        return new GateDokumenItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kode = source["kode"];
	        this.nama = source["nama"];
	        this.namaEn = source["namaEn"];
	        this.hanyaAps = source["hanyaAps"];
	        this.ada = source["ada"];
	    }
	}
	export class GateDokumen {
	    kind: string;
	    items: GateDokumenItem[];
	
	    static createFrom(source: any = {}) {
	        return new GateDokumen(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.items = this.convertValues(source["items"], GateDokumenItem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class GateView {
	    minJustifikasi: number;
	    minJustifikasiKata: number;
	    justifikasi: string[];
	    dokumen: GateDokumen[];
	
	    static createFrom(source: any = {}) {
	        return new GateView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.minJustifikasi = source["minJustifikasi"];
	        this.minJustifikasiKata = source["minJustifikasiKata"];
	        this.justifikasi = source["justifikasi"];
	        this.dokumen = this.convertValues(source["dokumen"], GateDokumen);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class WorkflowConflict {
	    id: string;
	    eventId: string;
	    otherId: string;
	    resolved: boolean;
	
	    static createFrom(source: any = {}) {
	        return new WorkflowConflict(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.eventId = source["eventId"];
	        this.otherId = source["otherId"];
	        this.resolved = source["resolved"];
	    }
	}
	export class KonflikAlur {
	    ditolak: EventView[];
	    terbuka: boolean;
	    server: WorkflowConflict[];
	    bisaSelesaikan: boolean;
	
	    static createFrom(source: any = {}) {
	        return new KonflikAlur(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ditolak = this.convertValues(source["ditolak"], EventView);
	        this.terbuka = source["terbuka"];
	        this.server = this.convertValues(source["server"], WorkflowConflict);
	        this.bisaSelesaikan = source["bisaSelesaikan"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class User {
	    id: string;
	    nama: string;
	    role: string;
	    opdId: string;
	    pegawaiId: string;
	
	    static createFrom(source: any = {}) {
	        return new User(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.nama = source["nama"];
	        this.role = source["role"];
	        this.opdId = source["opdId"];
	        this.pegawaiId = source["pegawaiId"];
	    }
	}
	export class UsulanRow {
	    id: string;
	    nomor: string;
	    pegawaiId: string;
	    nip: string;
	    namaPegawai: string;
	    jenis: string;
	    aps: boolean;
	    status: string;
	    opdAsal: string;
	    opdTujuan: string;
	    diperbaruiPada: string;
	    blocked: boolean;
	    konflik: boolean;
	
	    static createFrom(source: any = {}) {
	        return new UsulanRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.nomor = source["nomor"];
	        this.pegawaiId = source["pegawaiId"];
	        this.nip = source["nip"];
	        this.namaPegawai = source["namaPegawai"];
	        this.jenis = source["jenis"];
	        this.aps = source["aps"];
	        this.status = source["status"];
	        this.opdAsal = source["opdAsal"];
	        this.opdTujuan = source["opdTujuan"];
	        this.diperbaruiPada = source["diperbaruiPada"];
	        this.blocked = source["blocked"];
	        this.konflik = source["konflik"];
	    }
	}
	export class UsulanDetail {
	    row: UsulanRow;
	    state: mutasi.State;
	    events: EventView[];
	    allowed: string[];
	    rules: eligibility.Result[];
	    source: PlacementLabel;
	    targets: PlacementLabel[];
	    konflik?: KonflikAlur;
	    gate: GateView;
	
	    static createFrom(source: any = {}) {
	        return new UsulanDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.row = this.convertValues(source["row"], UsulanRow);
	        this.state = this.convertValues(source["state"], mutasi.State);
	        this.events = this.convertValues(source["events"], EventView);
	        this.allowed = source["allowed"];
	        this.rules = this.convertValues(source["rules"], eligibility.Result);
	        this.source = this.convertValues(source["source"], PlacementLabel);
	        this.targets = this.convertValues(source["targets"], PlacementLabel);
	        this.konflik = this.convertValues(source["konflik"], KonflikAlur);
	        this.gate = this.convertValues(source["gate"], GateView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UsulanInput {
	    pegawaiId: string;
	    jenis: string;
	    aps: boolean;
	    alasan: string;
	    targets: mutasi.Placement[];
	
	    static createFrom(source: any = {}) {
	        return new UsulanInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pegawaiId = source["pegawaiId"];
	        this.jenis = source["jenis"];
	        this.aps = source["aps"];
	        this.alasan = source["alasan"];
	        this.targets = this.convertValues(source["targets"], mutasi.Placement);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UsulanPage {
	    total: number;
	    rows: UsulanRow[];
	
	    static createFrom(source: any = {}) {
	        return new UsulanPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.rows = this.convertValues(source["rows"], UsulanRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UsulanQuery {
	    status: string;
	    jenis: string;
	    opdId: string;
	    search: string;
	    inbox: boolean;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new UsulanQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.jenis = source["jenis"];
	        this.opdId = source["opdId"];
	        this.search = source["search"];
	        this.inbox = source["inbox"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	

}

export namespace planner {
	
	export class Candidate {
	    employeeId: string;
	    nip: string;
	    nama: string;
	    cost: number;
	    reason: string;
	    reasonEn: string;
	
	    static createFrom(source: any = {}) {
	        return new Candidate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.employeeId = source["employeeId"];
	        this.nip = source["nip"];
	        this.nama = source["nama"];
	        this.cost = source["cost"];
	        this.reason = source["reason"];
	        this.reasonEn = source["reasonEn"];
	    }
	}
	export class CostTerms {
	    competence: number;
	    preference: number;
	    requestBonus: number;
	    interestBonus?: number;
	    stagnation: number;
	    relocation: number;
	    move: number;
	    deficitValue: number;
	    surplusValue: number;
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new CostTerms(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.competence = source["competence"];
	        this.preference = source["preference"];
	        this.requestBonus = source["requestBonus"];
	        this.interestBonus = source["interestBonus"];
	        this.stagnation = source["stagnation"];
	        this.relocation = source["relocation"];
	        this.move = source["move"];
	        this.deficitValue = source["deficitValue"];
	        this.surplusValue = source["surplusValue"];
	        this.total = source["total"];
	    }
	}
	export class Exclusion {
	    employeeId: string;
	    nip: string;
	    nama: string;
	    ruleId: string;
	    positionKey: string;
	    explanation: string;
	    explanationEn: string;
	
	    static createFrom(source: any = {}) {
	        return new Exclusion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.employeeId = source["employeeId"];
	        this.nip = source["nip"];
	        this.nama = source["nama"];
	        this.ruleId = source["ruleId"];
	        this.positionKey = source["positionKey"];
	        this.explanation = source["explanation"];
	        this.explanationEn = source["explanationEn"];
	    }
	}
	export class Move {
	    employeeId: string;
	    nip: string;
	    nama: string;
	    from: string;
	    to: string;
	    cost: CostTerms;
	    fromGapBefore: number;
	    fromGapAfter: number;
	    toGapBefore: number;
	    toGapAfter: number;
	    shadowPrice: number;
	    nextBest?: Candidate;
	    forced: boolean;
	    explanation: string;
	    explanationEn: string;
	
	    static createFrom(source: any = {}) {
	        return new Move(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.employeeId = source["employeeId"];
	        this.nip = source["nip"];
	        this.nama = source["nama"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.cost = this.convertValues(source["cost"], CostTerms);
	        this.fromGapBefore = source["fromGapBefore"];
	        this.fromGapAfter = source["fromGapAfter"];
	        this.toGapBefore = source["toGapBefore"];
	        this.toGapAfter = source["toGapAfter"];
	        this.shadowPrice = source["shadowPrice"];
	        this.nextBest = this.convertValues(source["nextBest"], Candidate);
	        this.forced = source["forced"];
	        this.explanation = source["explanation"];
	        this.explanationEn = source["explanationEn"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Pair {
	    employeeId: string;
	    positionKey: string;
	
	    static createFrom(source: any = {}) {
	        return new Pair(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.employeeId = source["employeeId"];
	        this.positionKey = source["positionKey"];
	    }
	}
	export class Options {
	    maxMoves: number;
	    minFloorPercent: number;
	    lockedEmployees: string[];
	    lockedPositions: string[];
	    forced: Pair[];
	    forbidden: Pair[];
	    candidatesPerEmployee: number;
	
	    static createFrom(source: any = {}) {
	        return new Options(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.maxMoves = source["maxMoves"];
	        this.minFloorPercent = source["minFloorPercent"];
	        this.lockedEmployees = source["lockedEmployees"];
	        this.lockedPositions = source["lockedPositions"];
	        this.forced = this.convertValues(source["forced"], Pair);
	        this.forbidden = this.convertValues(source["forbidden"], Pair);
	        this.candidatesPerEmployee = source["candidatesPerEmployee"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Stats {
	    employees: number;
	    positions: number;
	    arcs: number;
	    augmentations: number;
	    millis: number;
	
	    static createFrom(source: any = {}) {
	        return new Stats(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.employees = source["employees"];
	        this.positions = source["positions"];
	        this.arcs = source["arcs"];
	        this.augmentations = source["augmentations"];
	        this.millis = source["millis"];
	    }
	}
	export class Weights {
	    competence: number;
	    preference: number;
	    requestBonus: number;
	    interestBonus?: number;
	    stagnation: number;
	    relocation: number;
	    move: number;
	    deficit: number;
	    surplus: number;
	    stagnationMonths: number;
	
	    static createFrom(source: any = {}) {
	        return new Weights(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.competence = source["competence"];
	        this.preference = source["preference"];
	        this.requestBonus = source["requestBonus"];
	        this.interestBonus = source["interestBonus"];
	        this.stagnation = source["stagnation"];
	        this.relocation = source["relocation"];
	        this.move = source["move"];
	        this.deficit = source["deficit"];
	        this.surplus = source["surplus"];
	        this.stagnationMonths = source["stagnationMonths"];
	    }
	}
	export class Plan {
	    solverVersion: string;
	    inputHash: string;
	    weights: Weights;
	    options: Options;
	    moves: Move[];
	    objective: number;
	    balanceBefore: number;
	    balanceAfter: number;
	    excluded: Exclusion[];
	    stats: Stats;
	
	    static createFrom(source: any = {}) {
	        return new Plan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.solverVersion = source["solverVersion"];
	        this.inputHash = source["inputHash"];
	        this.weights = this.convertValues(source["weights"], Weights);
	        this.options = this.convertValues(source["options"], Options);
	        this.moves = this.convertValues(source["moves"], Move);
	        this.objective = source["objective"];
	        this.balanceBefore = source["balanceBefore"];
	        this.balanceAfter = source["balanceAfter"];
	        this.excluded = this.convertValues(source["excluded"], Exclusion);
	        this.stats = this.convertValues(source["stats"], Stats);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	

}

export namespace plannersvc {
	
	export class PosLabel {
	    key: string;
	    opdId: string;
	    unitId: string;
	    jabatanId: string;
	    opdSingkatan: string;
	    opdNama: string;
	    unitNama: string;
	    jabatanNama: string;
	
	    static createFrom(source: any = {}) {
	        return new PosLabel(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.opdId = source["opdId"];
	        this.unitId = source["unitId"];
	        this.jabatanId = source["jabatanId"];
	        this.opdSingkatan = source["opdSingkatan"];
	        this.opdNama = source["opdNama"];
	        this.unitNama = source["unitNama"];
	        this.jabatanNama = source["jabatanNama"];
	    }
	}
	export class ExclusionView {
	    employeeId: string;
	    nip: string;
	    nama: string;
	    ruleId: string;
	    positionKey: string;
	    explanation: string;
	    explanationEn: string;
	    target: PosLabel;
	
	    static createFrom(source: any = {}) {
	        return new ExclusionView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.employeeId = source["employeeId"];
	        this.nip = source["nip"];
	        this.nama = source["nama"];
	        this.ruleId = source["ruleId"];
	        this.positionKey = source["positionKey"];
	        this.explanation = source["explanation"];
	        this.explanationEn = source["explanationEn"];
	        this.target = this.convertValues(source["target"], PosLabel);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Flow {
	    from: string;
	    to: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new Flow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.count = source["count"];
	    }
	}
	export class JobError {
	    kind: string;
	    code: string;
	    message: string;
	    messageEn: string;
	
	    static createFrom(source: any = {}) {
	        return new JobError(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.messageEn = source["messageEn"];
	    }
	}
	export class JobStatus {
	    token: string;
	    state: string;
	    done: number;
	    total: number;
	    runId: string;
	    error?: JobError;
	
	    static createFrom(source: any = {}) {
	        return new JobStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.token = source["token"];
	        this.state = source["state"];
	        this.done = source["done"];
	        this.total = source["total"];
	        this.runId = source["runId"];
	        this.error = this.convertValues(source["error"], JobError);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LineView {
	    employeeId: string;
	    nip: string;
	    nama: string;
	    from: string;
	    to: string;
	    cost: planner.CostTerms;
	    fromGapBefore: number;
	    fromGapAfter: number;
	    toGapBefore: number;
	    toGapAfter: number;
	    shadowPrice: number;
	    nextBest?: planner.Candidate;
	    forced: boolean;
	    explanation: string;
	    explanationEn: string;
	    fromLabel: PosLabel;
	    toLabel: PosLabel;
	    keputusan: string;
	    usulanId: string;
	
	    static createFrom(source: any = {}) {
	        return new LineView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.employeeId = source["employeeId"];
	        this.nip = source["nip"];
	        this.nama = source["nama"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.cost = this.convertValues(source["cost"], planner.CostTerms);
	        this.fromGapBefore = source["fromGapBefore"];
	        this.fromGapAfter = source["fromGapAfter"];
	        this.toGapBefore = source["toGapBefore"];
	        this.toGapAfter = source["toGapAfter"];
	        this.shadowPrice = source["shadowPrice"];
	        this.nextBest = this.convertValues(source["nextBest"], planner.Candidate);
	        this.forced = source["forced"];
	        this.explanation = source["explanation"];
	        this.explanationEn = source["explanationEn"];
	        this.fromLabel = this.convertValues(source["fromLabel"], PosLabel);
	        this.toLabel = this.convertValues(source["toLabel"], PosLabel);
	        this.keputusan = source["keputusan"];
	        this.usulanId = source["usulanId"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MoveExplanation {
	    line: LineView;
	    rules: eligibility.Result[];
	    blocked: boolean;
	
	    static createFrom(source: any = {}) {
	        return new MoveExplanation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = this.convertValues(source["line"], LineView);
	        this.rules = this.convertValues(source["rules"], eligibility.Result);
	        this.blocked = source["blocked"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class OPDEffect {
	    opdId: string;
	    singkatan: string;
	    bezettingSebelum: number;
	    bezettingSesudah: number;
	    euSebelum: number;
	    euSesudah: number;
	    gradeSebelum: string;
	    gradeSesudah: string;
	    masuk: number;
	    keluar: number;
	
	    static createFrom(source: any = {}) {
	        return new OPDEffect(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.opdId = source["opdId"];
	        this.singkatan = source["singkatan"];
	        this.bezettingSebelum = source["bezettingSebelum"];
	        this.bezettingSesudah = source["bezettingSesudah"];
	        this.euSebelum = source["euSebelum"];
	        this.euSesudah = source["euSesudah"];
	        this.gradeSebelum = source["gradeSebelum"];
	        this.gradeSesudah = source["gradeSesudah"];
	        this.masuk = source["masuk"];
	        this.keluar = source["keluar"];
	    }
	}
	
	export class RerunResult {
	    runId: string;
	    sameInput: boolean;
	    identical: boolean;
	    storedHash: string;
	    newHash: string;
	    storedMoves: number;
	    newMoves: number;
	    storedObjective: number;
	    newObjective: number;
	    message: string;
	    messageEn: string;
	
	    static createFrom(source: any = {}) {
	        return new RerunResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.runId = source["runId"];
	        this.sameInput = source["sameInput"];
	        this.identical = source["identical"];
	        this.storedHash = source["storedHash"];
	        this.newHash = source["newHash"];
	        this.storedMoves = source["storedMoves"];
	        this.newMoves = source["newMoves"];
	        this.storedObjective = source["storedObjective"];
	        this.newObjective = source["newObjective"];
	        this.message = source["message"];
	        this.messageEn = source["messageEn"];
	    }
	}
	export class RunInput {
	    nama: string;
	    weights?: planner.Weights;
	    options?: planner.Options;
	
	    static createFrom(source: any = {}) {
	        return new RunInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.nama = source["nama"];
	        this.weights = this.convertValues(source["weights"], planner.Weights);
	        this.options = this.convertValues(source["options"], planner.Options);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RunRecord {
	    id: string;
	    dibuat: string;
	    aktor: string;
	    nama: string;
	    jenis: string;
	    indukId: string;
	    inputHash: string;
	    solverVersion: string;
	    weights: planner.Weights;
	    options: planner.Options;
	    status: string;
	    abkId: string;
	    dataVersion: string;
	    millis: number;
	
	    static createFrom(source: any = {}) {
	        return new RunRecord(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.dibuat = source["dibuat"];
	        this.aktor = source["aktor"];
	        this.nama = source["nama"];
	        this.jenis = source["jenis"];
	        this.indukId = source["indukId"];
	        this.inputHash = source["inputHash"];
	        this.solverVersion = source["solverVersion"];
	        this.weights = this.convertValues(source["weights"], planner.Weights);
	        this.options = this.convertValues(source["options"], planner.Options);
	        this.status = source["status"];
	        this.abkId = source["abkId"];
	        this.dataVersion = source["dataVersion"];
	        this.millis = source["millis"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ScenarioSummaryView {
	    runId: string;
	    nama: string;
	    jenis: string;
	    indukId: string;
	    moves: number;
	    objective: number;
	    balanceBefore: number;
	    balanceAfter: number;
	    shareBBefore: number;
	    shareBAfter: number;
	    opds: OPDEffect[];
	
	    static createFrom(source: any = {}) {
	        return new ScenarioSummaryView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.runId = source["runId"];
	        this.nama = source["nama"];
	        this.jenis = source["jenis"];
	        this.indukId = source["indukId"];
	        this.moves = source["moves"];
	        this.objective = source["objective"];
	        this.balanceBefore = source["balanceBefore"];
	        this.balanceAfter = source["balanceAfter"];
	        this.shareBBefore = source["shareBBefore"];
	        this.shareBAfter = source["shareBAfter"];
	        this.opds = this.convertValues(source["opds"], OPDEffect);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RunView {
	    run: RunRecord;
	    plan?: planner.Plan;
	    lines: LineView[];
	    flows: Flow[];
	    excluded: ExclusionView[];
	    stats: planner.Stats;
	    summary: ScenarioSummaryView;
	
	    static createFrom(source: any = {}) {
	        return new RunView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.run = this.convertValues(source["run"], RunRecord);
	        this.plan = this.convertValues(source["plan"], planner.Plan);
	        this.lines = this.convertValues(source["lines"], LineView);
	        this.flows = this.convertValues(source["flows"], Flow);
	        this.excluded = this.convertValues(source["excluded"], ExclusionView);
	        this.stats = this.convertValues(source["stats"], planner.Stats);
	        this.summary = this.convertValues(source["summary"], ScenarioSummaryView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ScenarioInput {
	    parentId: string;
	    nama: string;
	    weights?: planner.Weights;
	    maxMoves?: number;
	    minFloorPercent?: number;
	    forced: planner.Pair[];
	    forbidden: planner.Pair[];
	    lockedEmployees: string[];
	    lockedPositions: string[];
	
	    static createFrom(source: any = {}) {
	        return new ScenarioInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.parentId = source["parentId"];
	        this.nama = source["nama"];
	        this.weights = this.convertValues(source["weights"], planner.Weights);
	        this.maxMoves = source["maxMoves"];
	        this.minFloorPercent = source["minFloorPercent"];
	        this.forced = this.convertValues(source["forced"], planner.Pair);
	        this.forbidden = this.convertValues(source["forbidden"], planner.Pair);
	        this.lockedEmployees = source["lockedEmployees"];
	        this.lockedPositions = source["lockedPositions"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Settings {
	    weights: planner.Weights;
	    options: planner.Options;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.weights = this.convertValues(source["weights"], planner.Weights);
	        this.options = this.convertValues(source["options"], planner.Options);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class WhyNotView {
	    forced: planner.Pair;
	    feasible: boolean;
	    reason: string;
	    reasonEn: string;
	    objectiveDelta: number;
	    plan?: planner.Plan;
	    added: planner.Move[];
	    removed: planner.Move[];
	    target: PosLabel;
	    blocked: boolean;
	    rules: eligibility.Result[];
	    dataChanged: boolean;
	
	    static createFrom(source: any = {}) {
	        return new WhyNotView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.forced = this.convertValues(source["forced"], planner.Pair);
	        this.feasible = source["feasible"];
	        this.reason = source["reason"];
	        this.reasonEn = source["reasonEn"];
	        this.objectiveDelta = source["objectiveDelta"];
	        this.plan = this.convertValues(source["plan"], planner.Plan);
	        this.added = this.convertValues(source["added"], planner.Move);
	        this.removed = this.convertValues(source["removed"], planner.Move);
	        this.target = this.convertValues(source["target"], PosLabel);
	        this.blocked = source["blocked"];
	        this.rules = this.convertValues(source["rules"], eligibility.Result);
	        this.dataChanged = source["dataChanged"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace portaldesk {
	
	export class Laporan {
	    id: string;
	    pegawaiId: string;
	    nip: string;
	    namaPegawai: string;
	    opdId: string;
	    opdSingkatan: string;
	    bagian: string;
	    uraian: string;
	    status: string;
	    tanggapan: string;
	    dibuatPada: string;
	    ditanganiOleh: string;
	    ditanganiPada: string;
	
	    static createFrom(source: any = {}) {
	        return new Laporan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.pegawaiId = source["pegawaiId"];
	        this.nip = source["nip"];
	        this.namaPegawai = source["namaPegawai"];
	        this.opdId = source["opdId"];
	        this.opdSingkatan = source["opdSingkatan"];
	        this.bagian = source["bagian"];
	        this.uraian = source["uraian"];
	        this.status = source["status"];
	        this.tanggapan = source["tanggapan"];
	        this.dibuatPada = source["dibuatPada"];
	        this.ditanganiOleh = source["ditanganiOleh"];
	        this.ditanganiPada = source["ditanganiPada"];
	    }
	}
	export class LaporanQuery {
	    opdId: string;
	    status: string;
	
	    static createFrom(source: any = {}) {
	        return new LaporanQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.opdId = source["opdId"];
	        this.status = source["status"];
	    }
	}

}

export namespace protocol {
	
	export class BundleRelease {
	    signed: number[];
	    data: number[];
	
	    static createFrom(source: any = {}) {
	        return new BundleRelease(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.signed = source["signed"];
	        this.data = source["data"];
	    }
	}
	export class DeviceInfo {
	    id: string;
	    opdKode: string;
	    bkpsdm: boolean;
	    revoked: boolean;
	    version: string;
	    platform: string;
	    seen: string;
	    rollback?: string;
	    rollbackAt?: string;
	
	    static createFrom(source: any = {}) {
	        return new DeviceInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.opdKode = source["opdKode"];
	        this.bkpsdm = source["bkpsdm"];
	        this.revoked = source["revoked"];
	        this.version = source["version"];
	        this.platform = source["platform"];
	        this.seen = source["seen"];
	        this.rollback = source["rollback"];
	        this.rollbackAt = source["rollbackAt"];
	    }
	}

}

export namespace store {
	
	export class Attention {
	    changeId: string;
	    tbl: string;
	    rowId: string;
	    op: string;
	    data: Record<string, any>;
	    status: string;
	    reason: string;
	    conflictId?: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new Attention(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.changeId = source["changeId"];
	        this.tbl = source["tbl"];
	        this.rowId = source["rowId"];
	        this.op = source["op"];
	        this.data = source["data"];
	        this.status = source["status"];
	        this.reason = source["reason"];
	        this.conflictId = source["conflictId"];
	        this.at = source["at"];
	    }
	}
	export class BulkResult {
	    resolved: number;
	    skipped: number;
	
	    static createFrom(source: any = {}) {
	        return new BulkResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.resolved = source["resolved"];
	        this.skipped = source["skipped"];
	    }
	}
	export class DeviceFacet {
	    device: string;
	    label: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new DeviceFacet(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.device = source["device"];
	        this.label = source["label"];
	        this.count = source["count"];
	    }
	}
	export class ConflictFacets {
	    kinds: Record<string, number>;
	    tables: Record<string, number>;
	    devices: DeviceFacet[];
	
	    static createFrom(source: any = {}) {
	        return new ConflictFacets(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kinds = source["kinds"];
	        this.tables = source["tables"];
	        this.devices = this.convertValues(source["devices"], DeviceFacet);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SyncConflict {
	    id: string;
	    tbl: string;
	    row_id: string;
	    kind: string;
	    columns?: string[];
	    server?: Record<string, any>;
	    incoming?: Record<string, any>;
	    device_a?: string;
	    device_b?: string;
	    other_row?: string;
	    status: string;
	    created_at: string;
	    winner?: string;
	    resolution?: string;
	    resolved_by?: string;
	    // Go type: protocol
	    server_side?: any;
	    // Go type: protocol
	    incoming_side?: any;
	    survivor?: string;
	    seq: number;
	    current?: Record<string, any>;
	    pending: boolean;
	    labels?: Record<string, string>;
	    otherCurrent?: Record<string, any>;
	    serverBy: string;
	    incomingBy: string;
	    mine?: string;
	
	    static createFrom(source: any = {}) {
	        return new SyncConflict(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.tbl = source["tbl"];
	        this.row_id = source["row_id"];
	        this.kind = source["kind"];
	        this.columns = source["columns"];
	        this.server = source["server"];
	        this.incoming = source["incoming"];
	        this.device_a = source["device_a"];
	        this.device_b = source["device_b"];
	        this.other_row = source["other_row"];
	        this.status = source["status"];
	        this.created_at = source["created_at"];
	        this.winner = source["winner"];
	        this.resolution = source["resolution"];
	        this.resolved_by = source["resolved_by"];
	        this.server_side = this.convertValues(source["server_side"], null);
	        this.incoming_side = this.convertValues(source["incoming_side"], null);
	        this.survivor = source["survivor"];
	        this.seq = source["seq"];
	        this.current = source["current"];
	        this.pending = source["pending"];
	        this.labels = source["labels"];
	        this.otherCurrent = source["otherCurrent"];
	        this.serverBy = source["serverBy"];
	        this.incomingBy = source["incomingBy"];
	        this.mine = source["mine"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ConflictPage {
	    items: SyncConflict[];
	    total: number;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ConflictPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], SyncConflict);
	        this.total = source["total"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ConflictQuery {
	    status?: string;
	    kind?: string;
	    device?: string;
	    table?: string;
	    offset?: number;
	    limit?: number;
	
	    static createFrom(source: any = {}) {
	        return new ConflictQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.kind = source["kind"];
	        this.device = source["device"];
	        this.table = source["table"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	
	export class PullResult {
	    stale: boolean;
	    rows: number;
	    removed: number;
	    conflicts: number;
	    rejected: number;
	    dispositions: number;
	    dropped: number;
	    held: number;
	    quarantined: number;
	    problem?: string;
	    cursor: string;
	    seq: number;
	
	    static createFrom(source: any = {}) {
	        return new PullResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.stale = source["stale"];
	        this.rows = source["rows"];
	        this.removed = source["removed"];
	        this.conflicts = source["conflicts"];
	        this.rejected = source["rejected"];
	        this.dispositions = source["dispositions"];
	        this.dropped = source["dropped"];
	        this.held = source["held"];
	        this.quarantined = source["quarantined"];
	        this.problem = source["problem"];
	        this.cursor = source["cursor"];
	        this.seq = source["seq"];
	    }
	}
	export class Quarantined {
	    id: number;
	    tbl: string;
	    rowId: string;
	    seq: number;
	    problem: string;
	    receivedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Quarantined(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.tbl = source["tbl"];
	        this.rowId = source["rowId"];
	        this.seq = source["seq"];
	        this.problem = source["problem"];
	        this.receivedAt = source["receivedAt"];
	    }
	}

}

